// Filter `center`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const centerFilter: FilterDef = {
  name: 'center',
  params: ['width'],
  apply(value, a, _env, _k) {
    const s = toText(value);
    const w = typeof a[0] === 'number' ? a[0] : 80;
    if (s.length >= w) return s;
    const total = w - s.length;
    const left = Math.floor(total / 2) + (total & w & 1);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  },
};
