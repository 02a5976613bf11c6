// Filter `indent`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';

export const indentFilter: FilterDef = {
  name: 'indent',
  params: ['width', 'first', 'blank'],
  apply(value, a, _env, _k) {
    const s = str(value);
    const pad = typeof a[0] === 'string' ? a[0] : ' '.repeat(typeof a[0] === 'number' ? a[0] : 4);
    const lines = s.split('\n');
    const out = lines.map((l, i) =>
      i === 0 ? (a[1] === true && l !== '' ? pad + l : l) : l === '' && a[2] !== true ? l : pad + l,
    );
    return out.join('\n');
  },
};
