// Filter `basename`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';

export const basenameFilter: FilterDef = {
  name: 'basename',
  params: [],
  apply(value, _a, _env, _k) {
    const s = str(value);
    return s.slice(s.lastIndexOf('/') + 1);
  },
};
