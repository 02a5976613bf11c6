// Retention (issue 8): trigger instances, enforcements and executions older than the configured age are deleted
// in the background, a small batch per statement, so a prune never holds the write lock long enough to delay a
// webhook's commit. Times are StackStorm's fixed-width UTC ISO strings, so they compare as text.
import type { Store } from './types.ts';
import { isoMicros } from './ids.ts';

export const DEFAULT_RETENTION_MS = 30 * 86_400_000;

/** Deletes at most `batch` rows per table older than `maxAgeMs`; returns how many went. 0 = keep forever. */
export async function pruneOnce(
  store: Pick<Store, 'prune'>,
  maxAgeMs: number,
  batch = 500,
  now = Date.now(),
): Promise<number> {
  if (maxAgeMs <= 0) return 0;
  return store.prune(isoMicros(now - maxAgeMs), batch);
}

/** Prunes in the background: batches back to back while there is work, then every `intervalMs`. */
export function startRetention(
  store: Pick<Store, 'prune'>,
  options: { maxAgeMs: number; batch?: number; intervalMs?: number; onError?: (error: unknown) => void },
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    let more = false;
    try {
      more = (await pruneOnce(store, options.maxAgeMs, options.batch ?? 500)) > 0;
    } catch (error) {
      options.onError?.(error);
    }
    // setTimeout, not a loop: requests get the event loop between batches.
    if (!stopped) timer = setTimeout(run, more ? 10 : (options.intervalMs ?? 60_000)).unref();
  };
  const run = (): void => void tick();
  if (options.maxAgeMs > 0) timer = setTimeout(run, 0).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** `--retention 30d` / config `retention`: `0` keeps forever; accepts s, m, h, d suffixes or plain seconds. */
export function parseRetention(text: string): number | undefined {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { '': 1_000, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? ''] ?? 1_000;
  return Number(m[1]) * unit;
}
