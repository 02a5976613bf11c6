// A TriggerProcessor that only matches: for runs without the enforcement engine (benchmarks, `serve` before
// actions are wired). It marks instances processing → processed | processing_failed as StackStorm's worker does.
import type { RuleSet, TriggerEntry, TriggerProcessor, TriggerInstanceSubmission } from '../model/index.ts';
import type { TriggerInstanceStore } from '../store/index.ts';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics.ts';

export interface MatchingProcessorOptions {
  ruleSet: () => RuleSet;
  triggerInstances: Pick<TriggerInstanceStore, 'setStatus'>;
  logger?: Logger;
  metrics?: RuntimeMetrics;
  /** Called with the result of each match (tests). */
  onMatched?: (instance: TriggerInstanceSubmission, matched: readonly string[]) => void;
}

const isEntry = (t: TriggerInstanceSubmission['trigger']): t is TriggerEntry => 'matcher' in t;

/** Instances matched per event-loop turn at most (the HTTP side is served between turns). */
const BATCH = 64;

export function createMatchingProcessor(
  options: MatchingProcessorOptions,
): TriggerProcessor & { idle(): Promise<void>; close(): void } {
  const queue: TriggerInstanceSubmission[] = [];
  let closed = false;
  let draining: Promise<void> | undefined;
  const run = (instance: TriggerInstanceSubmission): void => {
    const repo = options.triggerInstances;
    try {
      repo.setStatus(instance.id, 'processing');
      const entry = isEntry(instance.trigger) ? instance.trigger : options.ruleSet().triggers.get(instance.trigger.ref);
      const started = process.hrtime.bigint();
      const result = entry
        ? entry.matcher.match(instance.payload, { triggerInstanceId: instance.id })
        : { matched: [], failures: [] };
      options.metrics?.matchDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      const matched = result.matched.map((r) => r.ref);
      for (const f of result.failures)
        options.logger?.warn({ rule: f.rule.ref, triggerInstance: instance.id }, f.reason);
      options.logger?.info(
        { triggerInstance: instance.id, trigger: instance.trigger.ref, traceTag: instance.traceTag, matched },
        'trigger instance matched',
      );
      repo.setStatus(instance.id, 'processed');
      options.onMatched?.(instance, matched);
    } catch (error) {
      options.logger?.error({ err: error, triggerInstance: instance.id }, 'processing failed');
      try {
        repo.setStatus(instance.id, 'processing_failed');
      } catch {
        // The store is gone (shutdown); the instance stays pending and is visible as such.
      }
    }
  };
  const drain = async (): Promise<void> => {
    // Asynchronous like st2rulesengine: the HTTP response never waits for matching.
    while (queue.length > 0 && !closed) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const instance of queue.splice(0, BATCH)) if (!closed) run(instance);
    }
    draining = undefined;
  };
  return {
    submit(instance) {
      if (closed) return;
      queue.push(instance);
      draining ??= drain();
    },
    idle: () => draining ?? Promise.resolve(),
    close() {
      // What is still queued stays `pending` in the store: the next start recovers it.
      closed = true;
      queue.length = 0;
    },
  };
}
