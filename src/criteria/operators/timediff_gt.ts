// `timediff_gt` / `td_gt`: seconds since the value's time > float(pattern).
import { _ } from '../../codegen/index.ts';
import { pyFloatOf, secondsSince } from '../timediff.ts';
import type { OperatorDefinition } from './types.ts';

export const timediff_gt: OperatorDefinition = {
  name: 'timediff_gt',
  aliases: ['td_gt'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => {
    const diff = secondsSince(value);
    return diff > pyFloatOf(pattern);
  },
  generate: ({ value, pattern, rt }) => _`${rt}.op.timediff_gt.interpret(${value}, ${pattern})`,
};
