// SQLite's `synchronous` setting for the embedded store. FULL (default): a commit is on disk when it returns, so a
// 202 is never answered for a row a crash or power loss could lose. `RULES_STORE_SYNC=normal` (WAL: survives a
// process crash, may lose the last commits on power loss) or `off` trade that promise for speed; the benchmark
// measures them, and `rules serve` warns when one is set.
export type SyncMode = 'FULL' | 'NORMAL' | 'OFF';

export function syncMode(env: NodeJS.ProcessEnv = process.env): SyncMode {
  const value = (env['RULES_STORE_SYNC'] ?? 'full').trim().toUpperCase();
  if (value === 'FULL' || value === 'NORMAL' || value === 'OFF') return value;
  throw new Error(`RULES_STORE_SYNC must be full, normal or off, not ${JSON.stringify(env['RULES_STORE_SYNC'])}`);
}
