// Re-emitting a stored trigger instance (StackStorm's TriggerInstanceResendController): a new instance with the
// same trigger and payload, its context noting the original id, committed then submitted like a webhook's.
import type { RuleSet, TriggerProcessor } from '../model/index.ts';
import { resolveTrigger } from '../ruleset/index.ts';
import type { Store, TriggerInstanceRecord } from '../store/index.ts';
import { isoMicros, newObjectId } from '../store/index.ts';

export interface ReEmitResult {
  original: TriggerInstanceRecord;
  created: TriggerInstanceRecord;
}

/** Returns undefined when no instance has that id; throws when the store refuses the write. */
export async function reEmitTriggerInstance(
  deps: { store: Pick<Store, 'triggerInstances' | 'commit'>; processor: TriggerProcessor; ruleSet: () => RuleSet },
  id: string,
): Promise<ReEmitResult | undefined> {
  const original = await deps.store.triggerInstances.get(id);
  if (!original) return undefined;
  const now = Date.now();
  const created: TriggerInstanceRecord = {
    id: newObjectId(now),
    trigger: original.trigger,
    payload: original.payload,
    occurrence_time: isoMicros(now),
    status: 'pending',
    // StackStorm keeps the original trace; the tag also records where the instance came from.
    trace_tag: `re-emit-${original.id}`,
  };
  await deps.store.commit([created]);
  deps.processor.submit({
    id: created.id,
    trigger: resolveTrigger(deps.ruleSet(), created.trigger),
    payload: created.payload,
    traceTag: created.trace_tag,
    occurrenceTime: created.occurrence_time,
  });
  return { original, created };
}
