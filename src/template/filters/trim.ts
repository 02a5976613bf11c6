// Filter `trim`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';
import { callValue, lookupMethod } from '../methods.ts';

export const trimFilter: FilterDef = {
  name: 'trim',
  params: ['chars'],
  apply(value, a, _env, _k) {
    return callValue(lookupMethod(toText(value), 'strip'), a[0] === undefined ? [] : [a[0]], {});
  },
};
