// Filter `regex_match`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { toText } from '../ops.ts';
import { pyRegex } from '../regex.ts';

export const regexMatchFilter: FilterDef = {
  name: 'regex_match',
  params: ['pattern', 'ignorecase'],
  apply(value, a, _env, _k) {
    return pyRegex(str(a[0]), a[1] === true).matchAt(toText(value));
  },
};
