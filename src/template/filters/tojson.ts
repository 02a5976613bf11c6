// Filter `tojson`.
import type { FilterDef } from './types.ts';
import { jsonDumps } from '../../python/index.ts';

export const tojsonFilter: FilterDef = {
  name: 'tojson',
  params: ['indent'],
  apply(value, a, _env, _k) {
    return jsonDumps(value, { sortKeys: true, indent: typeof a[0] === 'number' ? a[0] : undefined })
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/'/g, '\\u0027');
  },
};
