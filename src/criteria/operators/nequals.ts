// `nequals` / `neq`: Python `value != pattern`; no None guard (nequals(None, None) is false).
import { pyEquals } from '../../python/index.ts';
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const nequals: OperatorDefinition = {
  name: 'nequals',
  aliases: ['neq'],
  noneGuard: false,
  mayRaise: false,
  interpret: (value, pattern) => !pyEquals(value ?? null, pattern ?? null),
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`${value} !== ${pattern}`
      : _`!${rt}.pyEquals(${value} ?? null, ${pattern} ?? null)`,
};
