// Filter `to_complex`: StackStorm: json.dumps(value).
import type { FilterDef } from './types.ts';
import { jsonDumps } from '../../python/index.ts';

export const toComplexFilter: FilterDef = {
  name: 'to_complex',
  params: [],
  apply(value, _a, _env, _k) {
    return jsonDumps(value);
  },
};
