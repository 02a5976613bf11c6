// Filter `abs`.
import type { FilterDef } from './types.ts';
import { PyError, numericValue, pyFloat, pyTypeName, isPyFloatValue } from '../../python/index.ts';

export const absFilter: FilterDef = {
  name: 'abs',
  params: [],
  apply(value, _a, _env, _k) {
    const n = numericValue(value);
    if (n === undefined) throw new PyError('TypeError', `bad operand type for abs(): '${pyTypeName(value)}'`);
    return isPyFloatValue(value) ? pyFloat(Math.abs(n)) : Math.abs(n);
  },
};
