// Filter `title`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const titleFilter: FilterDef = {
  name: 'title',
  params: [],
  apply(value, _a, _env, _k) {
    return toText(value)
      .split(/([-\s({[<]+)/)
      .filter((w) => w !== '')
      .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1).toLowerCase())
      .join('');
  },
};
