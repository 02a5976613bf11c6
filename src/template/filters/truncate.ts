// Filter `truncate`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';

export const truncateFilter: FilterDef = {
  name: 'truncate',
  params: ['length', 'killwords', 'end', 'leeway'],
  apply(value, a, _env, _k) {
    const s = str(value);
    const len = typeof a[0] === 'number' ? a[0] : 255;
    const end = typeof a[2] === 'string' ? a[2] : '...';
    const leeway = typeof a[3] === 'number' ? a[3] : 5;
    if (s.length <= len + leeway) return s;
    if (a[1] === true) return s.slice(0, len - end.length) + end;
    const cut = s.slice(0, len - end.length);
    const i = cut.lastIndexOf(' ');
    return (i >= 0 ? cut.slice(0, i) : cut) + end;
  },
};
