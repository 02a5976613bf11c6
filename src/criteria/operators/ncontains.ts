// `ncontains`: Python `pattern not in value` (a missing value raises TypeError, so it is false).
import { _ } from '../../codegen/index.ts';
import { pyIn } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const ncontains: OperatorDefinition = {
  name: 'ncontains',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => !pyIn(pattern, value),
  generate: ({ value, pattern, rt }) => _`!${rt}.pyIn(${pattern}, ${value})`,
};
