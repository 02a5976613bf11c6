// Recovery on start (issue 8): what a killed process left unfinished. This node claims every unfinished trigger
// instance and in-flight execution, whatever its lease (a single node: the previous owner was this store's
// earlier process). Trigger instances are handed to the processor again, unless their enforcements were already
// committed (the engine's records of a batch commit together before any of its actions starts, so "has
// enforcements" means "already enforced": re-submitting it would run its actions twice). Executions that were in
// flight can't be resumed: they are marked `abandoned` with a reason, as StackStorm does for executions whose
// runner died.
import type { RuleSet } from '../ruleset/types.ts';
import type { TriggerProcessor } from '../runtime/processor.ts';
import type { Store } from '../store/index.ts';
import { isoMicros } from '../store/ids.ts';
import { resolveTrigger } from './re-emit.ts';

export interface RecoveryReport {
  resubmitted: number;
  alreadyEnforced: number;
  abandoned: number;
}

export const ABANDON_REASON = 'Execution abandoned: the rules process stopped while it was in flight.';

// Everything unfinished, in one claim each (as the earlier raw reads did): `all` ignores leases, so claimed rows
// that stay pending would come back on every page.
const EVERYTHING = Number.MAX_SAFE_INTEGER;

export async function recoverOnStart(deps: { store: Pick<Store, 'claims' | 'executions' | 'triggerInstances' | 'durable'>; processor: TriggerProcessor; ruleSet: () => RuleSet }): Promise<RecoveryReport> {
  const { store } = deps;
  const report: RecoveryReport = { resubmitted: 0, alreadyEnforced: 0, abandoned: 0 };
  const inFlight = await store.claims.claimExecutions({ limit: EVERYTHING, all: true });
  const now = isoMicros(Date.now());
  for (const record of inFlight) {
    record.status = 'abandoned';
    record.end_timestamp = now;
    record.result = { ...record.result, error: ABANDON_REASON };
    record.log = [...record.log, { status: 'abandoned', timestamp: now }];
    store.executions.update(record);
    report.abandoned += 1;
  }
  for (const instance of await store.claims.claimInstances({ limit: EVERYTHING, all: true })) {
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
