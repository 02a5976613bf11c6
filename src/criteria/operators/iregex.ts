// `iregex`: `re.compile(pattern, re.IGNORECASE).search(value)`.
import { generateRegex, interpretRegex } from './regex-op-shared.ts';
import type { OperatorDefinition } from './types.ts';

export const iregex: OperatorDefinition = {
  name: 'iregex',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => interpretRegex(value, pattern, { ignoreCase: true }, false),
  generate: (args) => generateRegex(args, 'iregex', { ignoreCase: true }, false),
};
