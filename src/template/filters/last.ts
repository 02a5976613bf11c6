// Filter `last`.
import type { FilterDef } from './types.ts';
import { iterate } from './helpers.ts';
import { Undefined } from '../undefined.ts';

export const lastFilter: FilterDef = {
  name: 'last',
  params: [],
  apply(value, _a, _env, _k) {
    const items = iterate(value);
    return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
  },
};
