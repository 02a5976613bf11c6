// Filter `regex_substring`.
import type { FilterDef } from './types.ts';
import { PyError } from '../../python/index.ts';
import { str } from './helpers.ts';
import { toText } from '../ops.ts';
import { pyRegex } from '../regex.ts';

export const regexSubstringFilter: FilterDef = {
  name: 'regex_substring',
  params: ['pattern', 'result_index', 'ignorecase'],
  apply(value, a, _env, _k) {
    const all = pyRegex(str(a[0]), a[2] === true).findAll(toText(value));
    const i = typeof a[1] === 'number' ? a[1] : 0;
    const v = all[i < 0 ? all.length + i : i];
    if (v === undefined) throw new PyError('IndexError', 'list index out of range');
    return v;
  },
};
