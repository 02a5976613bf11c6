// Filter `upper`.
import type { FilterDef } from './types.ts';
import { pyUpper } from '../../python/index.ts';
import { toText } from '../ops.ts';

export const upperFilter: FilterDef = {
  name: 'upper',
  params: [],
  apply(value, _a, _env, _k) {
    return pyUpper(toText(value));
  },
};
