// Filter `max`.
import type { FilterDef } from './types.ts';
import { pyCompare } from '../../python/index.ts';
import { Undefined } from '../undefined.ts';
import { iterate, attrPath, caseKey } from './helpers.ts';

export const maxFilter: FilterDef = {
  name: 'max',
  params: ['case_sensitive', 'attribute'],
  apply(value, a, _env, _k) {
    const items = iterate(value);
    if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.');
    const key = (x: unknown): unknown => caseKey(a[1] === undefined || a[1] === null ? x : attrPath(x, a[1]), a[0]);
    let best = items[0];
    for (const x of items.slice(1)) if (pyCompare(key(x), key(best)) > 0) best = x;
    return best;
  },
};
