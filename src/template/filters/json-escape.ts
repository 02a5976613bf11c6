// Filter `json_escape`: StackStorm's json.dumps(value).strip('"').
import type { FilterDef } from './types.ts';
import { jsonDumps } from '../../python/index.ts';

export const jsonEscapeFilter: FilterDef = {
  name: 'json_escape',
  params: [],
  apply(value, _a, _env, _k) {
    return jsonDumps(value).replace(/^"+|"+$/g, '');
  },
};
