// `startswith`: `value.startswith(pattern)`.
import { _ } from '../../codegen/index.ts';
import { affix } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const startswith: OperatorDefinition = {
  name: 'startswith',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => affix('startswith', value, pattern),
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`(typeof ${value} === "string" ? ${value}.startsWith(${pattern}) : ${rt}.affix("startswith", ${value}, ${pattern}))`
      : _`${rt}.affix("startswith", ${value}, ${pattern})`,
};
