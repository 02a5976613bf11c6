// Filter `to_json_string`: StackStorm: json.dumps with separators (',', ': ').
import type { FilterDef } from './types.ts';
import { jsonDumps } from '../../python/index.ts';

export const toJsonStringFilter: FilterDef = {
  name: 'to_json_string',
  params: ['indent', 'sort_keys', 'separators'],
  apply(value, a, _env, _k) {
    return jsonDumps(value, {
      indent: typeof a[0] === 'number' ? a[0] : undefined,
      sortKeys: a[1] === true,
      itemSeparator: ',',
    });
  },
};
