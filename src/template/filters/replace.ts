// Filter `replace`.
import type { FilterDef } from './types.ts';
import { pyStr } from '../../python/index.ts';
import { callValue, lookupMethod } from '../methods.ts';

export const replaceFilter: FilterDef = {
  name: 'replace',
  params: ['old', 'new', 'count'],
  apply(value, a, _env, _k) {
    return callValue(lookupMethod(pyStr(value), 'replace'), [a[0], a[1], a[2] ?? -1], {});
  },
};
