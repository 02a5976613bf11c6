// Filter `string`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const stringFilter: FilterDef = {
  name: 'string',
  params: [],
  apply(value, _a, _env, _k) {
    return toText(value);
  },
};
