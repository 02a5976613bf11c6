// Filter `length` (alias count).
import type { FilterDef } from './types.ts';
import { pyLen } from './helpers.ts';

export const lengthFilter: FilterDef = {
  name: 'length',
  aliases: ['count'],
  params: [],
  apply(value, _a, _env, _k) {
    return pyLen(value);
  },
};
