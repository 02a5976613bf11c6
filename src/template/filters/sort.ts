// Filter `sort`.
import type { FilterDef } from './types.ts';
import { pyCompare } from '../../python/index.ts';
import { iterate, attrPath, caseKey } from './helpers.ts';

export const sortFilter: FilterDef = {
  name: 'sort',
  params: ['reverse', 'case_sensitive', 'attribute'],
  apply(value, a, _env, _k) {
    const key = (x: unknown): unknown => caseKey(a[2] === undefined || a[2] === null ? x : attrPath(x, a[2]), a[1]);
    const items = [...iterate(value)];
    items.sort((x, y) => pyCompare(key(x), key(y)));
    return a[0] === true ? items.reverse() : items;
  },
};
