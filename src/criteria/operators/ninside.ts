// `ninside` / `nin`: Python `value not in pattern`.
import { _ } from '../../codegen/index.ts';
import { pyIn } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const ninside: OperatorDefinition = {
  name: 'ninside',
  aliases: ['nin'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => !pyIn(value, pattern),
  generate: ({ value, pattern, rt }) => _`!${rt}.pyIn(${value}, ${pattern})`,
};
