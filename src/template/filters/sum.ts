// Filter `sum`.
import type { FilterDef } from './types.ts';
import { binop } from '../ops.ts';
import { iterate, attrPath } from './helpers.ts';

export const sumFilter: FilterDef = {
  name: 'sum',
  params: ['attribute', 'start'],
  apply(value, a, _env, _k) {
    let acc: unknown = a[1] ?? 0;
    for (const x of iterate(value)) acc = binop('+', acc, a[0] === undefined || a[0] === null ? x : attrPath(x, a[0]));
    return acc;
  },
};
