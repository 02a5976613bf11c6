// Filter `slice`.
import type { FilterDef } from './types.ts';
import { iterate, int } from './helpers.ts';

export const sliceFilter: FilterDef = {
  name: 'slice',
  params: ['slices', 'fill_with'],
  apply(value, a, _env, _k) {
    const n = int(a[0], 'slices');
    const items = iterate(value);
    const per = Math.floor(items.length / n);
    const extra = items.length % n;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const end = offset + (i + 1) * per;
      const part = items.slice(start, end);
      if (a[1] !== undefined && a[1] !== null && i >= extra) part.push(a[1]);
      out.push(part);
    }
    return out;
  },
};
