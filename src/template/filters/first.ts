// Filter `first`.
import type { FilterDef } from './types.ts';
import { iterate } from './helpers.ts';
import { Undefined } from '../undefined.ts';

export const firstFilter: FilterDef = {
  name: 'first',
  params: [],
  apply(value, _a, _env, _k) {
    const items = iterate(value);
    return items.length ? items[0] : new Undefined('No first item, sequence was empty.');
  },
};
