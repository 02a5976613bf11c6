// Filter `escape` (alias e).
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const escapeFilter: FilterDef = {
  name: 'escape',
  aliases: ['e'],
  params: [],
  apply(value, _a, _env, _k) {
    return toText(value)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&#34;')
      .replace(/'/g, '&#39;');
  },
};
