// `rules serve --watch`: hot reload wired to the running server's rule set, its log and its /metrics.
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { RuleSet } from '../model/index.ts';
import { formatOutcome } from './format.ts';
import { startHotReload } from './hot-reload.ts';
import type { HotReload } from './hot-reload.ts';

interface LogSink {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ServeWatchOptions {
  roots: string[];
  logger: LogSink;
  /** Installs the next rule set (the server's getter returns it from the next request on). */
  swap: (next: RuleSet) => void;
  /** The server's metrics registry (`serverMetrics(app)?.registry`), for reload metrics. */
  registry?: Registry;
  /** Where diagnostics are printed in file:line:col form (default stderr). */
  write?: (text: string) => void;
}

/** Starts watching; the first swap installs the watcher's own compile (it carries the /v1/status data). */
export async function startServeWatch(options: ServeWatchOptions): Promise<HotReload> {
  const write = options.write ?? ((s: string) => void process.stderr.write(s));
  const registers = options.registry ? [options.registry] : [];
  const reloads = new Counter({
    name: 'rules_reloads_total',
    help: 'Hot reloads by result (ok, partial: some file broken and served from its last good version, failed)',
    labelNames: ['result'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'rules_reload_duration_seconds',
    help: 'Time to recompile and swap the rule set once a change is seen (debounce excluded)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const hot = await startHotReload({
    roots: options.roots,
    onReload: (outcome, changed) => {
      reloads.inc({ result: outcome.result });
      duration.observe(outcome.durationMs / 1000);
      if (outcome.result !== 'failed') options.swap(hot.holder.current());
      const log =
        outcome.result === 'ok'
          ? options.logger.info.bind(options.logger)
          : outcome.result === 'partial'
            ? options.logger.warn.bind(options.logger)
            : options.logger.error.bind(options.logger);
      log(
        {
          generation: outcome.generation,
          ms: Math.round(outcome.durationMs),
          changed,
          errors: outcome.diagnostics.filter((d) => d.severity === 'error').length,
        },
        `reload ${outcome.result}`,
      );
      if (outcome.diagnostics.length > 0 || outcome.result !== 'ok') write(formatOutcome(outcome));
    },
    onError: (error) => options.logger.error({ err: error }, 'watch error'),
  });
  options.swap(hot.holder.current());
  await hot.ready;
  options.logger.info({ roots: options.roots }, 'watching packs for changes');
  return hot;
}
