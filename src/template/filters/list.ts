// Filter `list`.
import type { FilterDef } from './types.ts';
import { iterate } from './helpers.ts';

export const listFilter: FilterDef = {
  name: 'list',
  params: [],
  apply(value, _a, _env, _k) {
    return [...iterate(value)];
  },
};
