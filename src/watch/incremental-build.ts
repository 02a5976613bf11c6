// Reload work proportional to the change: the RuleSet is assembled like buildRuleSet (src/ruleset/build.ts,
// spec §1.10) but each Trigger whose rules are unchanged (same refs, file contents, enabled flags, order)
// keeps its TriggerEntry, so only changed Triggers compile a new matcher. The assembly mirrors build.ts
// line for line; test/watch/incremental-build.test.ts checks both give the same rule set.
import { buildMatcher } from '../criteria/index.ts';
import { normaliseUrl, triggerRef, WEBHOOK_TRIGGER_TYPE } from '../ruleset/index.ts';
import type { RuleSetInput } from '../ruleset/index.ts';
import type { RuleSet, TriggerEntry } from '../ruleset/types.ts';
import type { RuleModel, TriggerTypeModel } from '../schema/model.ts';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function isParameterised(type: string, parameters: Record<string, unknown>, types: ReadonlyMap<string, TriggerTypeModel>): boolean {
  if (type === WEBHOOK_TRIGGER_TYPE || Object.keys(parameters).length > 0) return true;
  const tt = types.get(type);
  return tt !== undefined && Object.keys(tt.parametersSchema).length > 0;
}

/** What a Trigger's entry depends on: its rules (by file content) and whether its type is parameterised. */
const entryKey = (groupKey: string, parameterised: boolean, rules: readonly RuleModel[]): string =>
  `${groupKey}\0${parameterised ? 1 : 0}\0${rules.map((r) => `${r.ref}|${r.file}|${r.hash}|${r.enabled ? 1 : 0}`).join('\0')}`;

export class IncrementalRuleSetBuilder {
  #entries = new Map<string, TriggerEntry>();
  /** Matchers compiled by the last build (for tests and the benchmark). */
  compiled = 0;

  build(input: RuleSetInput, generation: number): RuleSet {
    const triggerTypes = new Map(input.triggerTypes.map((t) => [t.ref, t]));
    const groups = new Map<string, { type: string; parameters: Record<string, unknown>; rules: RuleModel[] }>();
    for (const rule of input.rules) {
      const key = `${rule.trigger.type}\0${canonical(rule.trigger.parameters)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { type: rule.trigger.type, parameters: rule.trigger.parameters, rules: [] }));
      g.rules.push(rule);
    }
    const next = new Map<string, TriggerEntry>();
    this.compiled = 0;
    const entry = (groupKey: string, type: string, parameters: Record<string, unknown>, rules: RuleModel[]): TriggerEntry => {
      const parameterised = isParameterised(type, parameters, triggerTypes);
      const key = entryKey(groupKey, parameterised, rules);
      let e = this.#entries.get(key) ?? next.get(key);
      if (!e) {
        this.compiled += 1;
        e = { type, parameters, ref: parameterised ? triggerRef(type, parameters) : type, rules, matcher: buildMatcher(rules.filter((r) => r.enabled)) };
      }
      next.set(key, e);
      return e;
    };
    const webhooks = new Map<string, TriggerEntry[]>();
    const triggers = new Map<string, TriggerEntry>();
    for (const [key, g] of groups) {
      const e = entry(key, g.type, g.parameters, g.rules);
      if (g.type === WEBHOOK_TRIGGER_TYPE) {
        const url = normaliseUrl(typeof g.parameters['url'] === 'string' ? g.parameters['url'] : JSON.stringify(g.parameters['url'] ?? ''));
        const list = webhooks.get(url);
        if (list) list.push(e);
        else webhooks.set(url, [e]);
      } else if (e.ref === g.type) triggers.set(g.type, e);
      else triggers.set(e.ref, e);
    }
    for (const t of input.triggerTypes) {
      if (!triggers.has(t.ref) && !isParameterised(t.ref, {}, triggerTypes)) triggers.set(t.ref, entry(`${t.ref}\0{}`, t.ref, {}, []));
    }
    // Only the entries of this generation are kept: memory follows the tree, not its history.
    this.#entries = next;
    return {
      generation,
      packs: new Map(input.packs.map((p) => [p.ref, p])),
      rules: new Map(input.rules.map((r) => [r.ref, r])),
      actions: new Map(input.actions.map((a) => [a.ref, a])),
      triggerTypes,
      webhooks,
      triggers,
    };
  }
}
