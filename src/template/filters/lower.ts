// Filter `lower`.
import type { FilterDef } from './types.ts';
import { pyLower } from '../../python/index.ts';
import { toText } from '../ops.ts';

export const lowerFilter: FilterDef = {
  name: 'lower',
  params: [],
  apply(value, _a, _env, _k) {
    return pyLower(toText(value));
  },
};
