// `contains`: Python `pattern in value` (substring, list membership, dict key).
import { _ } from '../../codegen/index.ts';
import { pyIn } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const contains: OperatorDefinition = {
  name: 'contains',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => pyIn(pattern, value),
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`(typeof ${value} === "string" ? ${value}.includes(${pattern}) : ${rt}.pyIn(${pattern}, ${value}))`
      : _`${rt}.pyIn(${pattern}, ${value})`,
};
