// `regex`: `re.compile(pattern).search(value)`: anywhere, case-sensitive, Python syntax (on RE2).
import { generateRegex, interpretRegex } from './regex-op-shared.ts';
import type { OperatorDefinition } from './types.ts';

export const regex: OperatorDefinition = {
  name: 'regex',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => interpretRegex(value, pattern, {}, false),
  generate: (args) => generateRegex(args, 'regex', {}, false),
};
