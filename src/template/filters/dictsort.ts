// Filter `dictsort`.
import type { FilterDef } from './types.ts';
import { PyError, pyTuple, isDict, pyCompare } from '../../python/index.ts';
import { caseKey } from './helpers.ts';

export const dictsortFilter: FilterDef = {
  name: 'dictsort',
  params: ['case_sensitive', 'by', 'reverse'],
  apply(value, a, _env, _k) {
    if (!isDict(value)) throw new PyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const pos = a[1] === 'value' ? 1 : 0;
    const items = Object.keys(value).map((key) => pyTuple([key, value[key]]));
    items.sort((x, y) => pyCompare(caseKey(x[pos], a[0]), caseKey(y[pos], a[0])));
    return a[2] === true ? items.reverse() : items;
  },
};
