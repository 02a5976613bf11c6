// `timediff_lt` / `td_lt`: seconds since the value's time < float(pattern).
import { _ } from '../../codegen/index.ts';
import { pyFloatOf, secondsSince } from '../timediff.ts';
import type { OperatorDefinition } from './types.ts';

export const timediff_lt: OperatorDefinition = {
  name: 'timediff_lt',
  aliases: ['td_lt'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => {
    const diff = secondsSince(value);
    return diff < pyFloatOf(pattern);
  },
  generate: ({ value, pattern, rt }) => _`${rt}.op.timediff_lt.interpret(${value}, ${pattern})`,
};
