// The data directory of a runtime: `--data`, else RULES_DATA, else the folder of a SQLite store file, else `.rules`.
// It holds the store (unless one is named) and the packs' virtualenvs (`<data>/virtualenvs/<pack>`).
import { dirname, join } from 'node:path';

/** The default embedded store, relative to the working directory. */
export const DEFAULT_STORE = '.rules/rules.db';

export function dataDirectory(flags: { data?: string; store?: string }, env: NodeJS.ProcessEnv = process.env): string {
  if (flags.data !== undefined) return flags.data;
  if (env['RULES_DATA'] !== undefined && env['RULES_DATA'] !== '') return env['RULES_DATA'];
  const store = flags.store ?? env['RULES_STORE'];
  if (store !== undefined && store !== ':memory:' && !/^[a-z]+:\/\//i.test(store)) return dirname(store);
  return dirname(DEFAULT_STORE);
}

/** `<data>/virtualenvs`. */
export function virtualenvsDirectory(flags: { data?: string; store?: string }, env?: NodeJS.ProcessEnv): string {
  return join(dataDirectory(flags, env), 'virtualenvs');
}
