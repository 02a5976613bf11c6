// Recompile → last-known-good merge → new immutable RuleSet → swap. Reloads run one at a time; changes
// that arrive during a reload are coalesced into one more reload after it.
import { performance } from 'node:perf_hooks';
import { CompileCache, compilePacks } from '../compile/index.ts';
import type { CompileOutput } from '../compile/index.ts';
import type { LoadResult } from '../pack/index.ts';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { FileStatus, ReloadStatus, RuleSet } from '../model/index.ts';
import { createHolder } from './holder.ts';
import type { RuleSetHolder } from './holder.ts';
import { LastKnownGood } from './last-known-good.ts';
import { IncrementalRuleSetBuilder } from './incremental-build.ts';

export interface ReloadOutcome {
  generation: number;
  result: 'ok' | 'partial' | 'failed';
  durationMs: number;
  /** Every current diagnostic (file:line:col), also those of files served from their last good version. */
  diagnostics: readonly Diagnostic[];
  files: ReadonlyMap<string, FileStatus>;
  output?: CompileOutput;
  error?: Error;
}

export interface ReloaderOptions {
  roots: string[];
  strictSt2?: boolean;
  /** Called after every reload (the swap has happened when result is not `failed`). */
  onReload?: (outcome: ReloadOutcome) => void;
}

export interface Reloader {
  readonly holder: RuleSetHolder;
  /**
   * Recompiles now (or right after the running reload) and swaps; resolves with the outcome. With
   * `changedPaths` (the watcher's batch) only the packs holding them are read again; without, everything is.
   */
  reload(changedPaths?: readonly string[]): Promise<ReloadOutcome>;
  /** The first compile's outcome. */
  readonly initial: ReloadOutcome;
}

/** Compiles once and returns a reloader serving that rule set: `const r = await createReloader({ roots })`. */
export async function createReloader(options: ReloaderOptions): Promise<Reloader> {
  // The content-hash cache keeps unchanged files' parses and per-rule checks between reloads.
  const cache = CompileCache.memory();
  const lkg = new LastKnownGood();
  const builder = new IncrementalRuleSetBuilder();
  const reloads = { ok: 0, partial: 0, failed: 0 };
  let generation = 0;
  let holder: RuleSetHolder | undefined;
  // The last load, and the paths changed since it was read (undefined: unknown, read everything).
  let previous: LoadResult | undefined;
  let pending: Set<string> | undefined = new Set();

  const run = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    const changedPaths = pending;
    pending = new Set();
    try {
      const reuse = previous && changedPaths ? { previous, changedPaths: [...changedPaths] } : undefined;
      const output = await compilePacks({
        roots: options.roots,
        strictSt2: options.strictSt2 === true,
        cache,
        ...(reuse ? { reuse } : {}),
      });
      previous = output.loaded;
      const merged = lkg.merge(output, output.diagnostics);
      const next = builder.build(merged.models, generation + 1);
      const result = merged.notOk > 0 ? 'partial' : 'ok';
      reloads[result] += 1;
      const durationMs = performance.now() - started;
      const status: ReloadStatus = {
        loadedAt: new Date().toISOString(),
        result,
        durationMs,
        reloads: { ...reloads },
        files: merged.files,
      };
      const webhookOptions = output.webhookOptions ? { webhookOptions: output.webhookOptions } : {};
      const ruleSet: RuleSet = { ...next, ...webhookOptions, status };
      generation += 1;
      if (holder) holder.swap(ruleSet);
      else holder = createHolder(ruleSet);
      return { generation, result, durationMs, diagnostics: output.diagnostics, files: merged.files, output };
    } catch (error) {
      // A compiler bug must not take the server down: keep serving what we have. What this run should have
      // read is unknown now: the next one reads everything.
      previous = undefined;
      reloads.failed += 1;
      return {
        generation,
        result: 'failed',
        durationMs: performance.now() - started,
        diagnostics: [],
        files: new Map(),
        error: error as Error,
      };
    }
  };

  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;
  const reload = (changedPaths?: readonly string[]): Promise<ReloadOutcome> => {
    // Recorded before anything runs: the run that starts next (now or after the running one) reads them.
    if (changedPaths === undefined) pending = undefined;
    else if (pending) for (const p of changedPaths) pending.add(p);
    if (queued) return queued;
    if (!running) {
      running = run().finally(() => (running = undefined));
      void running.then((o) => options.onReload?.(o));
      return running;
    }
    // One reload is running and may have read the files before this change: run once more after it.
    queued = running.then(() => {
      queued = undefined;
      // The paths are already in `pending` (or it was cleared for a full reload).
      return reload([]);
    });
    return queued;
  };

  const initial = await run();
  if (!holder) throw initial.error ?? new Error('initial compile failed');
  options.onReload?.(initial);
  const h: RuleSetHolder = holder;
  return { holder: h, reload, initial };
}
