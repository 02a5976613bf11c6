// Filter `unique`.
import type { FilterDef } from './types.ts';
import { PyError, pyEquals } from '../../python/index.ts';
import { iterate, attrPath, caseKey } from './helpers.ts';

export const uniqueFilter: FilterDef = {
  name: 'unique',
  params: ['case_sensitive', 'attribute'],
  apply(value, a, _env, _k) {
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const x of iterate(value)) {
      if (x !== null && typeof x === 'object') throw new PyError('TypeError', 'unhashable type');
      const k = caseKey(a[1] === undefined || a[1] === null ? x : attrPath(x, a[1]), a[0]);
      if (!seen.some((s) => pyEquals(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return out;
  },
};
