// Filter `use_none`: StackStorm: None becomes a magic string that the string cast turns back into None.
import type { FilterDef } from './types.ts';
import { NONE_MAGIC_VALUE } from '../magic.ts';

export const useNoneFilter: FilterDef = {
  name: 'use_none',
  params: [],
  apply(value, _a, _env, _k) {
    return value === null ? NONE_MAGIC_VALUE : value;
  },
};
