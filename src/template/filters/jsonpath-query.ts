// Filter `jsonpath_query`: StackStorm: jsonpath_rw query; a list of matches, or None when nothing matches.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { jsonpathQuery } from '../jsonpath.ts';

export const jsonpathQueryFilter: FilterDef = {
  name: 'jsonpath_query',
  params: ['query'],
  apply(value, a, _env, _k) {
    return jsonpathQuery(value, str(a[0]));
  },
};
