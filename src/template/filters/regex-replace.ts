// Filter `regex_replace`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { toText } from '../ops.ts';
import { pyRegex } from '../regex.ts';

export const regexReplaceFilter: FilterDef = {
  name: 'regex_replace',
  params: ['pattern', 'replacement', 'ignorecase'],
  apply(value, a, _env, _k) {
    return pyRegex(str(a[0]), a[2] === true).replaceAll(toText(value), str(a[1]));
  },
};
