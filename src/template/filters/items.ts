// Filter `items`.
import type { FilterDef } from './types.ts';
import { PyError, pyTuple, isDict } from '../../python/index.ts';
import { Undefined } from '../undefined.ts';

export const itemsFilter: FilterDef = {
  name: 'items',
  params: [],
  acceptsUndefined: true,
  apply(value, _a, _env, _k) {
    if (value instanceof Undefined) return [];
    if (!isDict(value)) throw new PyError('TypeError', `Can only get item pairs from a mapping.`);
    return Object.keys(value).map((key) => pyTuple([key, value[key]]));
  },
};
