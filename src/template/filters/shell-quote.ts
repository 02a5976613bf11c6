// Filter `shell_quote`: Ours: Python's shlex.quote, to put payload data into shell commands safely.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';

export const shellQuoteFilter: FilterDef = {
  name: 'shell_quote',
  params: [],
  apply(value, _a, _env, _k) {
    const s = str(value);
    if (s === '') return "''";
    if (/^[\w@%+=:,./-]+$/.test(s)) return s;
    return "'" + s.replace(/'/g, "'\"'\"'") + "'";
  },
};
