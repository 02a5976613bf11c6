// `inside` / `in`: Python `value in pattern` (the reverse of contains).
import { _ } from '../../codegen/index.ts';
import { pyIn } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const inside: OperatorDefinition = {
  name: 'inside',
  aliases: ['in'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => pyIn(value, pattern),
  generate: ({ value, pattern, rt }) => _`${rt}.pyIn(${value}, ${pattern})`,
};
