// Recovery on start (issue 8): what a killed process left unfinished. Trigger instances still pending/processing
// are handed to the processor again, unless their enforcements were already committed (the engine writes an
// instance's enforcements and executions in one transaction, so "has enforcements" means "already enforced":
// re-submitting it would run its actions twice). Executions that were in flight can't be resumed: they are
// marked `abandoned` with a reason, as StackStorm does for executions whose runner died.
import type { RuleSet } from '../ruleset/types.ts';
import type { TriggerProcessor } from '../runtime/processor.ts';
import type { Store } from '../store/index.ts';
import type { ExecutionRecord } from '../store/executions.ts';
import { isoMicros } from '../store/ids.ts';
import { resolveTrigger } from './re-emit.ts';

export interface RecoveryReport {
  resubmitted: number;
  alreadyEnforced: number;
  abandoned: number;
}

export const ABANDON_REASON = 'Execution abandoned: the rules process stopped while it was in flight.';

export function recoverOnStart(deps: { store: Store; processor: TriggerProcessor; ruleSet: () => RuleSet }): RecoveryReport {
  const { store } = deps;
  const db = store.db;
  // Reads below go straight to this connection: let queued writes land first.
  store.commits.flush();
  const report: RecoveryReport = { resubmitted: 0, alreadyEnforced: 0, abandoned: 0 };

  const inFlight = db
    .prepare<[], { record: string }>("SELECT record FROM executions WHERE status IN ('requested', 'scheduled', 'running') ORDER BY rowid")
    .all();
  const now = isoMicros(Date.now());
  for (const row of inFlight) {
    const record = JSON.parse(row.record) as ExecutionRecord;
    record.status = 'abandoned';
    record.end_timestamp = now;
    record.result = { ...record.result, error: ABANDON_REASON };
    record.log = [...record.log, { status: 'abandoned', timestamp: now }];
    store.executions.update(record);
    report.abandoned += 1;
  }

  const unfinished = db
    .prepare<[], { id: string }>("SELECT id FROM trigger_instances WHERE status IN ('pending', 'processing') ORDER BY seq")
    .all();
  const hasEnforcement = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM rule_enforcements WHERE trigger_instance_id = ?');
  for (const { id } of unfinished) {
    if ((hasEnforcement.get(id)?.n ?? 0) > 0) {
      store.triggerInstances.setStatus(id, 'processed');
      report.alreadyEnforced += 1;
      continue;
    }
    const instance = store.triggerInstances.get(id);
    if (!instance) continue;
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
  store.commits.flush();
  return report;
}
