// Filter `dirname`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';

export const dirnameFilter: FilterDef = {
  name: 'dirname',
  params: [],
  apply(value, _a, _env, _k) {
    const s = str(value);
    const i = s.lastIndexOf('/') + 1;
    const head = s.slice(0, i);
    return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
  },
};
