// `rules compile --watch`: the incremental compiler without a server, reprinting every diagnostic on each
// change (like `tsc --watch`). Runs until the signal aborts.
import { formatOutcome } from './format.ts';
import { startHotReload } from './hot-reload.ts';

export interface CompileWatchOptions {
  /** Pack files over this many bytes are refused (default 1 MiB). */
  maxFileBytes?: number;
  roots: string[];
  strictSt2?: boolean;
  write: (text: string) => void;
  signal?: AbortSignal;
}

/** Prints the first compile, then one report per reload; resolves when `signal` aborts. */
export async function runCompileWatch(options: CompileWatchOptions): Promise<void> {
  const hot = await startHotReload({
    roots: options.roots,
    strictSt2: options.strictSt2,
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    onReload: (outcome) => options.write(formatOutcome(outcome)),
    onError: (error) => options.write(`rules: watch error: ${String(error)}\n`),
  });
  options.write(formatOutcome(hot.reloader.initial));
  await hot.ready;
  options.write('rules: watching for changes\n');
  await new Promise<void>((done) => {
    if (options.signal?.aborted) return done();
    options.signal?.addEventListener('abort', () => done(), { once: true });
  });
  await hot.close();
}
