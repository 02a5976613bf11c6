// `equals` / `eq`: Python `value == pattern` (1 == 1.0 == True, deep lists and dicts, "1" != 1).
import { pyEquals } from '../../python/index.ts';
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const equals: OperatorDefinition = {
  name: 'equals',
  aliases: ['eq'],
  noneGuard: true,
  mayRaise: false,
  interpret: (value, pattern) => pyEquals(value ?? null, pattern ?? null),
  generate: ({ value, pattern, constant, rt }) =>
    // A str equals only the same str: strict equality is exact Python semantics for string constants.
    typeof constant?.value === 'string' ? _`${value} === ${pattern}` : _`${rt}.pyEquals(${value} ?? null, ${pattern})`,
};
