// Filter `reverse`.
import type { FilterDef } from './types.ts';
import { iterate } from './helpers.ts';
import { PyError } from '../../python/index.ts';

export const reverseFilter: FilterDef = {
  name: 'reverse',
  params: [],
  apply(value, _a, _env, _k) {
    if (typeof value === 'string') return Array.from(value).reverse().join('');
    if (Array.isArray(value)) return [...(value as unknown[])].reverse();
    try {
      return [...iterate(value)].reverse();
    } catch {
      throw new PyError('FilterArgumentError', 'argument must be iterable');
    }
  },
};
