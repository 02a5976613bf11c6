// Builds the immutable RuleSet (spec §1.10): one Trigger per trigger type + identical parameters dict,
// webhooks keyed by `url.strip('/')`, each Trigger with one compiled matcher over its enabled rules.
// Disabled rules still keep their Trigger (and so their url) alive, but never match.
import { createHash } from 'node:crypto';
import { buildMatcher } from '../criteria/index.ts';
import { normaliseUrl } from '../webhooks/index.ts';
import type { BuildMatcherOptions } from '../criteria/index.ts';
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel, RuleSet, TriggerEntry } from '../model/index.ts';

export const WEBHOOK_TRIGGER_TYPE = 'core.st2.webhook';

export interface RuleSetInput {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  /**
   * Optional: the same rules in parts (e.g. per pack) whose concatenation is `rules`. A part that is the same
   * array as in an earlier build is not grouped again, and a Trigger whose rules all come from one unchanged
   * part is recognised as unchanged without comparing its rules.
   */
  parts?: readonly (readonly RuleModel[])[] | undefined;
}

/** Canonical JSON (sorted keys) so that equal parameter dicts share a Trigger whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A stable `core.<uuid>` for a parameterised Trigger (st2 uses a random uuid4; ours survives reloads). */
export function triggerRef(type: string, parameters: Record<string, unknown>): string {
  const h = createHash('sha1')
    .update(`${type}\0${canonical(parameters)}`)
    .digest('hex');
  return `core.${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isParameterised(
  type: string,
  parameters: Record<string, unknown>,
  types: ReadonlyMap<string, TriggerTypeModel>,
): boolean {
  if (type === WEBHOOK_TRIGGER_TYPE || Object.keys(parameters).length > 0) return true;
  const tt = types.get(type);
  return tt !== undefined && Object.keys(tt.parametersSchema).length > 0;
}

export interface BuildRuleSetOptions {
  matcher?: BuildMatcherOptions;
  /** The rule set this one replaces (hot reload): its Triggers are offered to `reuse`. */
  previous?: RuleSet | undefined;
  /**
   * Whether a Trigger of `previous` with the same type and parameters can serve `rules` as it is, matcher
   * included (default: sameRules). Only Triggers that are not reused compile a matcher.
   */
  reuse?: (previous: TriggerEntry, rules: readonly RuleModel[]) => boolean;
}

/** The same rules in the same order, by object or by ref, file content and enabled flag. */
export function sameRules(previous: TriggerEntry, rules: readonly RuleModel[]): boolean {
  const old = previous.rules;
  if (old === rules) return true;
  if (old.length !== rules.length) return false;
  for (let i = 0; i < rules.length; i++) {
    const a = old[i]!;
    const b = rules[i]!;
    if (a !== b && (a.ref !== b.ref || a.file !== b.file || a.hash !== b.hash || a.enabled !== b.enabled)) return false;
  }
  return true;
}

/** A rule's Trigger key (type + canonical parameters), by model: unchanged models are not serialised again. */
const triggerKeys = new WeakMap<RuleModel, string>();
function triggerKey(rule: RuleModel): string {
  let key = triggerKeys.get(rule);
  if (key === undefined) triggerKeys.set(rule, (key = `${rule.trigger.type}\0${canonical(rule.trigger.parameters)}`));
  return key;
}

/** The rules of a part by Trigger key, in order; kept by the part's array (parts are not changed once given). */
const partGroups = new WeakMap<readonly RuleModel[], Map<string, RuleModel[]>>();
function groupsOf(part: readonly RuleModel[], keep: boolean): Map<string, RuleModel[]> {
  let groups = keep ? partGroups.get(part) : undefined;
  if (groups) return groups;
  groups = new Map();
  for (const rule of part) {
    const key = triggerKey(rule);
    const list = groups.get(key);
    if (list) list.push(rule);
    else groups.set(key, [rule]);
  }
  if (keep) partGroups.set(part, groups);
  return groups;
}

/** Each built rule set's Triggers by key, and the matcher options they were compiled with, for `previous`. */
const builtEntries = new WeakMap<
  RuleSet,
  { matcher: BuildMatcherOptions | undefined; byKey: Map<string, TriggerEntry> }
>();

/**
 * Builds the RuleSet; `generation` increases by one on every swap. With `previous`, unchanged Triggers keep
 * their entry (and matcher): `buildRuleSet(input, 8, { previous: current })`.
 */
export function buildRuleSet(input: RuleSetInput, generation: number, options: BuildRuleSetOptions = {}): RuleSet {
  const triggerTypes = new Map(input.triggerTypes.map((t) => [t.ref, t]));
  // Rules by Trigger (type + parameters), in rule order; a group from a single part is that part's array.
  const groups = new Map<
    string,
    { type: string; parameters: Record<string, unknown>; rules: readonly RuleModel[]; own: boolean }
  >();
  for (const part of input.parts ?? [input.rules]) {
    for (const [key, rules] of groupsOf(part, input.parts !== undefined)) {
      const g = groups.get(key);
      if (!g)
        groups.set(key, { type: rules[0]!.trigger.type, parameters: rules[0]!.trigger.parameters, rules, own: false });
      else {
        // Rules of one Trigger in several parts: a new array, so that no part's array is ever changed.
        g.rules = g.own ? g.rules : [...g.rules];
        g.own = true;
        (g.rules as RuleModel[]).push(...rules);
      }
    }
  }
  const built = options.previous ? builtEntries.get(options.previous) : undefined;
  const previous = built && built.matcher === options.matcher ? built.byKey : undefined;
  const reuse = options.reuse ?? sameRules;
  const byKey = new Map<string, TriggerEntry>();
  const webhooks = new Map<string, TriggerEntry[]>();
  const triggers = new Map<string, TriggerEntry>();
  const entry = (
    key: string,
    type: string,
    parameters: Record<string, unknown>,
    rules: readonly RuleModel[],
  ): TriggerEntry => {
    const parameterised = isParameterised(type, parameters, triggerTypes);
    const old = previous?.get(key);
    // A Trigger's ref is its type exactly when the type is not parameterised.
    const e =
      old && (old.ref !== old.type) === parameterised && reuse(old, rules)
        ? old
        : {
            type,
            parameters,
            ref: parameterised ? triggerRef(type, parameters) : type,
            rules,
            matcher: buildMatcher(
              rules.filter((r) => r.enabled),
              options.matcher,
            ),
          };
    byKey.set(key, e);
    return e;
  };
  for (const [key, g] of groups) {
    const e = entry(key, g.type, g.parameters, g.rules);
    if (g.type === WEBHOOK_TRIGGER_TYPE) {
      const url = normaliseUrl(
        typeof g.parameters.url === 'string' ? g.parameters.url : JSON.stringify(g.parameters.url ?? ''),
      );
      const list = webhooks.get(url);
      if (list) list.push(e);
      else webhooks.set(url, [e]);
    } else if (e.ref === g.type) triggers.set(g.type, e);
    else triggers.set(e.ref, e);
  }
  // Every parameterless type has its shadow Trigger, with or without rules (the generic `st2` webhook fires them).
  for (const t of input.triggerTypes) {
    if (!triggers.has(t.ref) && !isParameterised(t.ref, {}, triggerTypes))
      triggers.set(t.ref, entry(`${t.ref}\0{}`, t.ref, {}, []));
  }
  const rules = new Map<string, RuleModel>();
  for (const r of input.rules) rules.set(r.ref, r);
  const ruleSet: RuleSet = {
    generation,
    packs: new Map(input.packs.map((p) => [p.ref, p])),
    rules,
    actions: new Map(input.actions.map((a) => [a.ref, a])),
    triggerTypes,
    webhooks,
    triggers,
  };
  builtEntries.set(ruleSet, { matcher: options.matcher, byKey });
  return ruleSet;
}
