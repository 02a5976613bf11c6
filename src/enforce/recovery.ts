// Recovery on start (issue 8): what a killed process left unfinished. This node claims every unfinished trigger
// instance and in-flight execution, whatever its lease (a single node: the previous owner was this store's
// earlier process). Trigger instances are handed to the processor again, unless their enforcements were already
// committed (the engine's records of a batch commit together before any of its actions starts, so "has
// enforcements" means "already enforced": re-submitting it would run its actions twice). Executions that were in
// flight can't be resumed: they are marked `abandoned` with a reason, as StackStorm does for executions whose
// runner died; when their action is tagged `retry_on_abandon` (src/schema/tags.ts) and the engine is running
// actions, the engine also runs that rule's action again for the same trigger instance, as a new execution.
import type { RuleSet, TriggerProcessor } from '../model/index.ts';
import type { Store, ExecutionRecord } from '../store/index.ts';
import type { RetryOutcome, TriggerInstanceInput } from './engine.ts';
import { isoMicros } from '../store/index.ts';
import { resolveTrigger } from '../ruleset/index.ts';

export interface RecoveryReport {
  resubmitted: number;
  alreadyEnforced: number;
  /** Marked `abandoned` (retried ones included). */
  abandoned: number;
  /** Abandoned executions whose action (tagged `retry_on_abandon`) was started again as a new execution. */
  retried: number;
}

export const ABANDON_REASON = 'Execution abandoned: the rules process stopped while it was in flight.';

/**
 * How many times an interrupted run of a `retry_on_abandon` action is run again. An action whose run takes the
 * process down with it (memory, a signal to the group) would otherwise be retried on every start: a crash loop.
 * Counted in the execution context (`retry_count`) along the chain of retries.
 */
export const MAX_ABANDON_RETRIES = 3;

// Everything unfinished, in one claim each (as the earlier raw reads did): `all` ignores leases, so claimed rows
// that stay pending would come back on every page.
const EVERYTHING = Number.MAX_SAFE_INTEGER;

export interface RecoveryDeps {
  store: Pick<Store, 'claims' | 'executions' | 'triggerInstances' | 'durable'>;
  processor: TriggerProcessor;
  ruleSet: () => RuleSet;
  /** The engine's `retry`; absent (RULES_ENGINE=off, which runs no action): in-flight executions are only abandoned. */
  retry?: (
    previous: ExecutionRecord,
    instance: TriggerInstanceInput,
    options?: { retryCount?: number },
  ) => Promise<RetryOutcome>;
}

/**
 * Takes over unfinished work. `all` (single node, on start): everything, whatever its lease. Otherwise (several
 * nodes on one PostgreSQL, on start and then periodically): only work whose owner stopped renewing its lease,
 * at most `limit` rows of each kind per call.
 */
export async function recoverOnStart(
  deps: RecoveryDeps,
  options: { all?: boolean; limit?: number } = {},
): Promise<RecoveryReport> {
  const { store } = deps;
  const all = options.all ?? true;
  const limit = options.limit ?? EVERYTHING;
  const report: RecoveryReport = { resubmitted: 0, alreadyEnforced: 0, abandoned: 0, retried: 0 };
  const inFlight = await store.claims.claimExecutions({ limit, all });
  const now = isoMicros(Date.now());
  for (const record of inFlight) {
    record.status = 'abandoned';
    record.end_timestamp = now;
    record.result = { ...record.result, error: ABANDON_REASON };
    record.log = [...record.log, { status: 'abandoned', timestamp: now }];
    store.executions.update(record);
    report.abandoned += 1;
    // `abandoned` is queued before the retry's record: the engine starts the retry only once both are committed,
    // so a crash never leaves the old execution in flight next to a started retry (it would be retried twice).
    const retry = await retryIfSafe(deps, record);
    if (retry === undefined) continue;
    record.result = { ...record.result, error: `${ABANDON_REASON} ${retry.note}` };
    store.executions.update(record);
    if (retry.retried) report.retried += 1;
  }
  for (const instance of await store.claims.claimInstances({ limit, all })) {
    if (await store.claims.hasEnforcements(instance.id)) {
      store.triggerInstances.setStatus(instance.id, 'processed');
      report.alreadyEnforced += 1;
      continue;
    }
    deps.processor.submit({
      id: instance.id,
      trigger: resolveTrigger(deps.ruleSet(), instance.trigger),
      payload: instance.payload,
      traceTag: instance.trace_tag,
      occurrenceTime: instance.occurrence_time,
    });
    report.resubmitted += 1;
  }
  // Status changes and abandoned executions are durable before the server takes new work.
  await store.durable();
  return report;
}

/** Runs a retry-safe execution again; what to add to the abandoned record's error, or undefined (not tagged). */
async function retryIfSafe(
  deps: RecoveryDeps,
  record: ExecutionRecord,
): Promise<{ retried: boolean; note: string } | undefined> {
  // Never started (`running` is committed before an action's process starts): running it now is its first run.
  const neverStarted = !record.log.some((l) => l.status === 'running');
  if (!deps.retry || (!neverStarted && deps.ruleSet().actions.get(record.action.ref)?.retryOnAbandon !== true))
    return undefined;
  // A run that never started does not count: it did nothing yet, so it cannot be what stops the process.
  const previousCount = typeof record.context['retry_count'] === 'number' ? record.context['retry_count'] : 0;
  const retryCount = neverStarted ? previousCount : previousCount + 1;
  if (retryCount > MAX_ABANDON_RETRIES) {
    return {
      retried: false,
      note: `Not retried: interrupted ${retryCount} times; retry_on_abandon runs an action again at most ${MAX_ABANDON_RETRIES} times.`,
    };
  }
  const instanceId = record.trigger_instance?.id;
  const instance = instanceId === undefined ? undefined : await deps.store.triggerInstances.get(instanceId);
  // Pruned by retention, or an execution no rule started: there is no payload to render the parameters from.
  if (!instance) return { retried: false, note: 'Not retried: its trigger instance is no longer stored.' };
  const outcome = await deps.retry(
    record,
    {
      id: instance.id,
      trigger: resolveTrigger(deps.ruleSet(), instance.trigger),
      payload: instance.payload,
      traceTag: instance.trace_tag,
      occurrenceTime: instance.occurrence_time,
    },
    { retryCount },
  );
  return 'execution' in outcome
    ? {
        retried: true,
        note: neverStarted
          ? `It had not started: run as execution ${outcome.execution.id}.`
          : `Retried as execution ${outcome.execution.id} (its action is tagged retry_on_abandon).`,
      }
    : { retried: false, note: `Not retried: ${outcome.error}.` };
}
