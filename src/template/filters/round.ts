// Filter `round`.
import type { FilterDef } from './types.ts';
import { PyError, numericValue, pyFloat, pyTypeName } from '../../python/index.ts';
// Python's round() on the decimal repr: halves go to even on the exact binary value; toFixed matches that closely.
function roundHalfAway(n: number, p: number): number {
  if (p === 0) {
    const r = Math.round(n);
    return Math.abs(n % 1) === 0.5 ? 2 * Math.round(n / 2) : r;
  }
  return Number(n.toFixed(Math.max(0, Math.min(100, p))));
}

export const roundFilter: FilterDef = {
  name: 'round',
  params: ['precision', 'method'],
  apply(value, a, _env, _k) {
    const n = numericValue(value);
    if (n === undefined) throw new PyError('TypeError', `type ${pyTypeName(value)} doesn't define __round__ method`);
    const p = typeof a[0] === 'number' ? a[0] : 0;
    const m = 10 ** p;
    const method = a[1] ?? 'common';
    if (method === 'common')
      return (typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))) && p >= 0
        ? n
        : pyFloat(roundHalfAway(n, p));
    if (method === 'ceil') return pyFloat(Math.ceil(n * m) / m);
    if (method === 'floor') return pyFloat(Math.floor(n * m) / m);
    throw new PyError('FilterArgumentError', 'method must be common, ceil or floor');
  },
};
