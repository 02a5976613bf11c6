// `greaterthan` / `gt`: Python `value > pattern` (mixed types and None raise TypeError).
import { pyCompare } from '../../python/index.ts';
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const greaterthan: OperatorDefinition = {
  name: 'greaterthan',
  aliases: ['gt'],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => pyCompare(value ?? null, pattern, '>') > 0,
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'number'
      ? _`(typeof ${value} === "number" ? ${value} > ${pattern} : ${rt}.op.greaterthan.interpret(${value}, ${pattern}))`
      : _`${rt}.op.greaterthan.interpret(${value}, ${pattern})`,
};
