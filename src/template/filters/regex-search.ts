// Filter `regex_search`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { toText } from '../ops.ts';
import { pyRegex } from '../regex.ts';

export const regexSearchFilter: FilterDef = {
  name: 'regex_search',
  params: ['pattern', 'ignorecase'],
  apply(value, a, _env, _k) {
    return pyRegex(str(a[0]), a[1] === true).search(toText(value));
  },
};
