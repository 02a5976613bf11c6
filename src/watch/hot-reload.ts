// Watcher + reloader: what `rules serve --watch` and the tests start.
import { createReloader } from './reloader.ts';
import type { ReloadOutcome, Reloader } from './reloader.ts';
import { watchPacks } from './watcher.ts';
import type { RuleSetHolder } from './holder.ts';

export interface HotReloadOptions {
  roots: string[];
  strictSt2?: boolean;
  debounceMs?: number;
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

/** `const hot = await startHotReload({ roots }); createServer({ ruleSet: hot.holder.current, ... })`. */
export async function startHotReload(options: HotReloadOptions): Promise<HotReload> {
  const reloader = await createReloader({ roots: options.roots, strictSt2: options.strictSt2 });
  // Changes that arrive during a reload share the next one: report each generation once.
  let reported = reloader.initial.generation;
  const watcher = watchPacks({
    roots: options.roots,
    debounceMs: options.debounceMs,
    onError: options.onError,
    onChange: (changed) => {
      reloader
        .reload(changed)
        .then((outcome) => {
          if (outcome.result !== 'failed' && outcome.generation === reported) return;
          reported = outcome.generation;
          options.onReload?.(outcome, changed);
        })
        .catch((error: unknown) => options.onError?.(error));
    },
  });
  return { holder: reloader.holder, reloader, ready: watcher.ready, close: () => watcher.close() };
}
