// Filter `batch`.
import type { FilterDef } from './types.ts';
import { PyError } from '../../python/index.ts';
import { iterate, int } from './helpers.ts';

export const batchFilter: FilterDef = {
  name: 'batch',
  params: ['linecount', 'fill_with'],
  apply(value, a, _env, _k) {
    const n = int(a[0], 'linecount');
    if (n <= 0) throw new PyError('ValueError', 'batch size must be positive');
    const items = iterate(value);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    const lastRow = out[out.length - 1];
    if (lastRow && a[1] !== undefined && a[1] !== null) while (lastRow.length < n) lastRow.push(a[1]);
    return out;
  },
};
