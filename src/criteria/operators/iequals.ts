// `iequals` / `ieq`: `value.lower() == pattern.lower()` (str.lower, not casefold; non-str raises AttributeError).
import { _ } from '../../codegen/index.ts';
import { lower } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const iequals: OperatorDefinition = {
  name: 'iequals',
  aliases: ['ieq'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => lower(value) === lower(pattern),
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`${rt}.lower(${value}) === ${constant.value.toLowerCase()}`
      : _`${rt}.lower(${value}) === ${rt}.lower(${pattern})`,
};
