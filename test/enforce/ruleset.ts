// A hand-built RuleSet with one webhook Trigger whose matcher is a plain predicate per rule.
import type { ActionModel, PackModel, RuleModel, MatchResult, RuleSet, TriggerEntry } from '../../src/model/index.ts';

export function ruleSet(
  rules: RuleModel[],
  actions: ActionModel[],
  predicate: (rule: RuleModel, payload: unknown) => boolean | Error = () => true,
  packs: PackModel[] = [],
): { set: RuleSet; entry: TriggerEntry } {
  const entry: TriggerEntry = {
    type: 'core.st2.webhook',
    parameters: { url: 'sample' },
    ref: 'core.00000000-0000-4000-8000-000000000000',
    rules,
    matcher: {
      rules,
      match(payload, options): MatchResult {
        const out: MatchResult = { matched: [], failures: [] };
        for (const rule of rules.filter((r) => r.enabled)) {
          const ok = predicate(rule, payload);
          if (ok instanceof Error)
            out.failures.push({
              rule,
              reason: `Failed to match rule "${rule.ref}" against trigger instance "${options.triggerInstanceId}": ${ok.message}`,
            });
          else if (ok) out.matched.push(rule);
        }
        return out;
      },
    },
  };
  const set: RuleSet = {
    generation: 1,
    packs: new Map(packs.map((p) => [p.ref, p])),
    rules: new Map(rules.map((r) => [r.ref, r])),
    actions: new Map(actions.map((a) => [a.ref, a])),
    triggerTypes: new Map(),
    webhooks: new Map([['sample', [entry]]]),
    triggers: new Map(),
  };
  return { set, entry };
}
