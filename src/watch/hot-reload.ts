// Watcher + reloader: what `rules serve --watch` and the tests start.
import { createReloader } from './reloader.ts';
import type { ReloadOutcome, Reloader } from './reloader.ts';
import { watchPacks } from './watcher.ts';
import type { RuleSetHolder } from './holder.ts';

export interface HotReloadOptions {
  roots: string[];
  strictSt2?: boolean;
  debounceMs?: number;
  /** Pack files over this many bytes are refused (default 1 MiB). */
  maxFileBytes?: number;
  onReload?: (outcome: ReloadOutcome, changed: readonly string[]) => void;
  onError?: (error: unknown) => void;
}

export interface HotReload {
  holder: RuleSetHolder;
  reloader: Reloader;
  /** Resolves when the initial scan is done: edits after this are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * `const hot = await startHotReload({ roots }); createServer({ ruleSet: hot.holder.current, ... })`.
 * The watcher starts first and the first compile runs once its scan is done (issue 16): a file written while
 * the process starts is either read by that compile or seen as a change after it, never neither. Changes seen
 * before the reloader exists wait for it and make its first reload.
 */
export async function startHotReload(options: HotReloadOptions): Promise<HotReload> {
  let reloader: Reloader | undefined;
  const early = new Set<string>();
  // Changes that arrive during a reload share the next one: report each generation once.
  let reported = 0;
  const reload = (changed: string[]): void => {
    if (!reloader) {
      for (const path of changed) early.add(path);
      return;
    }
    reloader
      .reload(changed)
      .then((outcome) => {
        if (outcome.result !== 'failed' && outcome.generation === reported) return;
        reported = outcome.generation;
        options.onReload?.(outcome, changed);
      })
      .catch((error: unknown) => options.onError?.(error));
  };
  const watcher = watchPacks({
    roots: options.roots,
    debounceMs: options.debounceMs,
    maxFileBytes: options.maxFileBytes,
    onError: options.onError,
    onChange: reload,
  });
  try {
    await watcher.ready;
    reloader = await createReloader({
      roots: options.roots,
      strictSt2: options.strictSt2,
      maxFileBytes: options.maxFileBytes,
    });
  } catch (error) {
    await watcher.close();
    throw error;
  }
  reported = reloader.initial.generation;
  if (early.size > 0) reload([...early]);
  return { holder: reloader.holder, reloader, ready: Promise.resolve(), close: () => watcher.close() };
}
