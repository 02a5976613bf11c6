// Builds the immutable RuleSet (spec §1.10): one Trigger per trigger type + identical parameters dict,
// webhooks keyed by `url.strip('/')`, each Trigger with one compiled matcher over its enabled rules.
// Disabled rules still keep their Trigger (and so their url) alive, but never match.
import { createHash } from 'node:crypto';
import { buildMatcher } from '../criteria/index.ts';
import type { BuildMatcherOptions } from '../criteria/index.ts';
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel } from '../schema/model.ts';
import type { RuleSet, TriggerEntry } from './types.ts';

export const WEBHOOK_TRIGGER_TYPE = 'core.st2.webhook';

export interface RuleSetInput {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
}

/** Canonical JSON (sorted keys) so that equal parameter dicts share a Trigger whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A stable `core.<uuid>` for a parameterised Trigger (st2 uses a random uuid4; ours survives reloads). */
export function triggerRef(type: string, parameters: Record<string, unknown>): string {
  const h = createHash('sha1').update(`${type}\0${canonical(parameters)}`).digest('hex');
  return `core.${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Python's `url.strip('/')`: all leading and trailing slashes. */
export function normaliseUrl(url: string): string {
  return url.replace(/^\/+|\/+$/g, '');
}

function isParameterised(type: string, parameters: Record<string, unknown>, types: ReadonlyMap<string, TriggerTypeModel>): boolean {
  if (type === WEBHOOK_TRIGGER_TYPE || Object.keys(parameters).length > 0) return true;
  const tt = types.get(type);
  return tt !== undefined && Object.keys(tt.parametersSchema).length > 0;
}

/** Builds the RuleSet; `generation` increases by one on every swap. */
export function buildRuleSet(input: RuleSetInput, generation: number, matcherOptions?: BuildMatcherOptions): RuleSet {
  const triggerTypes = new Map(input.triggerTypes.map((t) => [t.ref, t]));
  const groups = new Map<string, { type: string; parameters: Record<string, unknown>; rules: RuleModel[] }>();
  for (const rule of input.rules) {
    const key = `${rule.trigger.type}\0${canonical(rule.trigger.parameters)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { type: rule.trigger.type, parameters: rule.trigger.parameters, rules: [] }));
    g.rules.push(rule);
  }
  const webhooks = new Map<string, TriggerEntry[]>();
  const triggers = new Map<string, TriggerEntry>();
  const entry = (type: string, parameters: Record<string, unknown>, rules: RuleModel[]): TriggerEntry => ({
    type,
    parameters,
    ref: isParameterised(type, parameters, triggerTypes) ? triggerRef(type, parameters) : type,
    rules,
    matcher: buildMatcher(rules.filter((r) => r.enabled), matcherOptions),
  });
  for (const g of groups.values()) {
    const e = entry(g.type, g.parameters, g.rules);
    if (g.type === WEBHOOK_TRIGGER_TYPE) {
      const url = normaliseUrl(typeof g.parameters.url === 'string' ? g.parameters.url : JSON.stringify(g.parameters.url ?? ''));
      const list = webhooks.get(url);
      if (list) list.push(e);
      else webhooks.set(url, [e]);
    } else if (e.ref === g.type) triggers.set(g.type, e);
    else triggers.set(e.ref, e);
  }
  // Every parameterless type has its shadow Trigger, with or without rules (the generic `st2` webhook fires them).
  for (const t of input.triggerTypes) {
    if (!triggers.has(t.ref) && !isParameterised(t.ref, {}, triggerTypes)) triggers.set(t.ref, entry(t.ref, {}, []));
  }
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
