// `matchregex`: `re.compile(pattern, re.DOTALL).match(value)`: anchored at the start only.
import { generateRegex, interpretRegex } from './regex-op-shared.ts';
import type { OperatorDefinition } from './types.ts';

export const matchregex: OperatorDefinition = {
  name: 'matchregex',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => interpretRegex(value, pattern, { dotAll: true }, true),
  generate: (args) => generateRegex(args, 'matchregex', { dotAll: true }, true),
};
