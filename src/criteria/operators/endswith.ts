// `endswith`: `value.endswith(pattern)`.
import { _ } from '../../codegen/index.ts';
import { affix } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const endswith: OperatorDefinition = {
  name: 'endswith',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => affix('endswith', value, pattern),
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`(typeof ${value} === "string" ? ${value}.endsWith(${pattern}) : ${rt}.affix("endswith", ${value}, ${pattern}))`
      : _`${rt}.affix("endswith", ${value}, ${pattern})`,
};
