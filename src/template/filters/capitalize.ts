// Filter `capitalize`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const capitalizeFilter: FilterDef = {
  name: 'capitalize',
  params: [],
  apply(value, _a, _env, _k) {
    const s = toText(value);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
};
