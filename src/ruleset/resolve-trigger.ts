// Looking a stored trigger ref up in the current rule set (re-emit, recovery on start).
import type { RuleSet, TriggerEntry } from '../model/index.ts';

/** The Trigger a stored ref names in the current rule set; `{type, ref}` when it is no longer there. */
export function resolveTrigger(ruleSet: RuleSet, ref: string): TriggerEntry | { type: string; ref: string } {
  for (const entries of ruleSet.webhooks.values()) {
    for (const entry of entries) if (entry.ref === ref) return entry;
  }
  return ruleSet.triggers.get(ref) ?? { type: ref, ref };
}
