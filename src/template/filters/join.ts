// Filter `join`.
import type { FilterDef } from './types.ts';
import { iterate, attrPath } from './helpers.ts';
import { toText } from '../ops.ts';

export const joinFilter: FilterDef = {
  name: 'join',
  params: ['d', 'attribute'],
  apply(value, a, _env, _k) {
    const items = iterate(value).map((x) => (a[1] === undefined || a[1] === null ? x : attrPath(x, a[1])));
    return items.map((x) => toText(x)).join(typeof a[0] === 'string' ? a[0] : '');
  },
};
