// Filter `default` (alias d): Jinja's default/d: the fallback for an undefined value (or a false one with boolean=true).
import type { FilterDef } from './types.ts';
import { Undefined } from '../undefined.ts';
import { pyTruthy } from '../../python/index.ts';

export const defaultFilter: FilterDef = {
  name: 'default',
  aliases: ['d'],
  params: ['default_value', 'boolean'],
  acceptsUndefined: true,
  apply(value, a, _env, _k) {
    if (value instanceof Undefined || (a[1] === true && !pyTruthy(value))) return a[0] ?? '';
    return value;
  },
};
