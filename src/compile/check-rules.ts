// Semantic checks over rules beyond the schema: trigger types and their parameters, webhook urls,
// action refs and parameters, duplicates, `enabled` omitted.
import type { Diagnostic } from '../diagnostics/index.ts';
import { pointerSegment } from '../pack/index.ts';
import type { RemovedRunner, RunnerType } from '../pack/index.ts';
import { locate, validateSt2 } from '../schema/index.ts';
import type { ActionModel, ParameterSpec, RuleModel, SourceMap, TriggerTypeModel } from '../model/index.ts';
import { checkTimerParameters, isTimer } from './timers.ts';
import { suggest } from '../diagnostics/index.ts';
import { normaliseUrl } from '../webhooks/index.ts';

export interface CheckContext {
  rules: readonly RuleModel[];
  actions: ReadonlyMap<string, ActionModel>;
  triggerTypes: ReadonlyMap<string, TriggerTypeModel>;
  runners: ReadonlyMap<string, RunnerType>;
  enabledOmitted: ReadonlySet<RuleModel>;
  strictSt2: boolean;
  /** Where a missing action's pack is (issue 14): absent from the roots, an action is a warning unless `strict`. */
  missingPacks?: MissingPackPolicy;
}

/** How an action of a pack that is not in the pack roots is reported. */
export interface MissingPackPolicy {
  /** Refs of the packs in the pack roots and of the built-in ones (core, packs). */
  loaded: ReadonlySet<string>;
  /** `--strict`: such an action is an error. */
  strict: boolean;
  /** Packs declared installed elsewhere (`installedPacks` in the config file): their actions are trusted. */
  installed?: ReadonlySet<string>;
}

type Where = Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;

function at(rule: RuleModel, pointer: string, key = false): Where & { pointer: string } {
  return { ...locate(rule.source, pointer, key), pointer };
}

const WEBHOOK = 'core.st2.webhook';

/** True when a string would be rendered by Jinja (StackStorm renders only those). */
export function isTemplated(v: unknown): boolean {
  return typeof v === 'string' && (v.includes('{{') || v.includes('{%'));
}

/** A webhook url as one rule spells it (for the cross-pack spelling check). */
export interface UrlUse {
  spelling: string;
  rule: RuleModel;
}

/** The uses of one normalised url, in rule order; `uniform` when they all spell it alike. */
export interface UrlUses {
  uses: UrlUse[];
  uniform: boolean;
}

export interface RuleListChecks {
  /** Everything but the url spelling warnings, which need every pack (checkUrlSpellings). */
  diagnostics: Diagnostic[];
  /** Normalised url (neither empty nor `st2`) → its uses. */
  urls: Map<string, UrlUses>;
  /** Every url a webhook rule declares, as written (disabled rules included). */
  declared: Set<string>;
}

/**
 * The checks of a list of rules that need nothing but the rules themselves and the maps in `ctx`: run per
 * pack, they are the same as over the whole tree (a rule ref starts with its pack ref, so duplicates lie
 * within one pack), and a pack's result can be kept while its rules and the models they name are unchanged.
 */
export function checkRuleList(ctx: CheckContext): RuleListChecks {
  const out: Diagnostic[] = [];
  const byRef = new Map<string, RuleModel>();
  const urls = new Map<string, UrlUses>();
  const declared = new Set<string>();

  for (const rule of ctx.rules) {
    const first = byRef.get(rule.ref);
    if (first) {
      const f = locate(first.source, '/name');
      out.push({
        code: 'RULES_E_RULE_DUPLICATE',
        severity: 'error',
        message: `duplicate rule "${rule.ref}" (also defined at ${f.file}:${f.line}:${f.column})`,
        hint: 'StackStorm keys rules by (pack, name): the later file replaces the earlier one.',
        ...at(rule, '/name'),
      });
      out.push({
        code: 'RULES_E_RULE_DUPLICATE',
        severity: 'error',
        message: `duplicate rule "${rule.ref}" (also defined at ${rule.file}:${locate(rule.source, '/name').line}:${locate(rule.source, '/name').column})`,
        ...at(first, '/name'),
      });
    } else {
      byRef.set(rule.ref, rule);
    }

    if (ctx.enabledOmitted.has(rule)) {
      out.push({
        code: 'RULES_W_RULE_ENABLED_OMITTED',
        severity: 'warning',
        message: `rule "${rule.ref}" has no "enabled": StackStorm registers it disabled`,
        hint: 'Write `enabled: true` (or `enabled: false` to keep it off on purpose).',
        ...at(rule, '/name', true),
      });
    }

    checkTrigger(rule, ctx, out, urls, declared);
    checkAction(rule, ctx, out);
  }
  return { diagnostics: out, urls, declared };
}

/**
 * Two spellings of one webhook url (`hook` and `/hook/`) across every pack, given each pack's url uses in
 * pack order: a use is reported when it differs from the first spelling seen. Work follows the number of
 * (pack, url) pairs, not of rules, unless a pack spells a url two ways.
 */
export function checkUrlSpellings(perPack: readonly ReadonlyMap<string, UrlUses>[]): Diagnostic[] {
  const first = new Map<string, UrlUse>();
  for (const urls of perPack) for (const [url, { uses }] of urls) if (!first.has(url)) first.set(url, uses[0]!);
  const out: Diagnostic[] = [];
  for (const urls of perPack) {
    for (const [url, { uses, uniform }] of urls) {
      const seen = first.get(url)!;
      if (uniform && uses[0]!.spelling === seen.spelling) continue;
      for (const { spelling, rule } of uses) {
        if (spelling === seen.spelling) continue;
        const f = locate(seen.rule.source, '/trigger/parameters/url');
        out.push({
          code: 'RULES_W_WEBHOOK_URL_SPELLINGS',
          severity: 'warning',
          message: `webhook url ${JSON.stringify(spelling)} and ${JSON.stringify(seen.spelling)} (${f.file}:${f.line}:${f.column}) are one hook with two Triggers: every request is dispatched twice`,
          hint: `Spell it ${JSON.stringify(seen.spelling)} everywhere.`,
          ...at(rule, '/trigger/parameters/url'),
        });
      }
    }
  }
  return out;
}

/** Every rule check over one list of rules (the compiler runs checkRuleList per pack instead). */
export function checkRules(ctx: CheckContext): Diagnostic[] {
  const checked = checkRuleList(ctx);
  return [...checked.diagnostics, ...checkUrlSpellings([checked.urls])];
}

function checkTrigger(
  rule: RuleModel,
  ctx: CheckContext,
  out: Diagnostic[],
  urls: Map<string, UrlUses>,
  declared: Set<string>,
): void {
  const typeRef = rule.trigger.type;
  if (typeRef === '') return; // the schema already reported it
  if (typeRef === WEBHOOK) {
    const url = Object.hasOwn(rule.trigger.parameters, 'url') ? rule.trigger.parameters['url'] : undefined;
    if (typeof url === 'string') declared.add(url);
  }
  const type = ctx.triggerTypes.get(typeRef);
  if (!type) {
    const hint = suggest(typeRef, ctx.triggerTypes.keys());
    out.push({
      code: 'RULES_E_RULE_UNKNOWN_TRIGGER_TYPE',
      severity: 'error',
      message: `Trigger "${typeRef}" defined in the rule does not exist in system or it's missing required "parameters" attribute`,
      ...(hint ? { hint: `Did you mean "${hint}"?` } : {}),
      ...at(rule, '/trigger/type'),
    });
    return;
  }
  if (Object.keys(type.parametersSchema).length > 0) {
    const invalid = validateSt2(
      type.parametersSchema,
      rule.trigger.parameters,
      rule.source,
      '/trigger/parameters',
      'RULES_E_TRIGGER_PARAMETERS',
    );
    out.push(...invalid);
    // Timers: what APScheduler refuses beyond the schema (src/compile/timers.ts).
    if (invalid.length === 0 && type.system && isTimer(typeRef)) out.push(...checkTimerParameters(rule));
  }
  if (typeRef !== WEBHOOK) return;
  const url = rule.trigger.parameters['url'];
  if (typeof url !== 'string') return;
  const normalised = normaliseUrl(url);
  if (normalised === '') {
    out.push({
      code: 'RULES_E_WEBHOOK_URL_EMPTY',
      severity: 'error',
      message: `webhook url ${JSON.stringify(url)} is empty after StackStorm strips its slashes: no request can reach it`,
      ...at(rule, '/trigger/parameters/url'),
    });
    return;
  }
  if (normalised === 'st2') {
    out.push({
      code: 'RULES_E_WEBHOOK_URL_SHADOWED',
      severity: 'error',
      message: 'webhook url "st2" is the generic webhook: requests to /v1/webhooks/st2 never reach this rule',
      hint: 'Choose another url.',
      ...at(rule, '/trigger/parameters/url'),
    });
    return;
  }
  const seen = urls.get(normalised);
  if (!seen) urls.set(normalised, { uses: [{ spelling: url, rule }], uniform: true });
  else {
    if (seen.uses[0]!.spelling !== url) seen.uniform = false;
    seen.uses.push({ spelling: url, rule });
  }
}

function jsType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Whether StackStorm's cast for `type` (spec §5.2) and the action's schema accept this literal. */
function literalFits(type: string, v: unknown): boolean {
  if (v === null) return true;
  const t = jsType(v);
  switch (type) {
    case 'string':
      return t === 'string';
    case 'integer':
      return t === 'integer' || t === 'boolean' || (t === 'string' && /^\s*[-+]?\d+\s*$/.test(v as string));
    case 'number':
      return (
        t === 'integer' ||
        t === 'number' ||
        t === 'boolean' ||
        (t === 'string' && (v as string).trim() !== '' && !Number.isNaN(Number(v)))
      );
    case 'boolean':
      return t === 'boolean' || (t === 'string' && /^(true|false)$/i.test(v as string));
    case 'object':
      return t === 'object' || t === 'string';
    case 'array':
      return t === 'array' || t === 'string';
    default:
      return true;
  }
}

function checkAction(rule: RuleModel, ctx: CheckContext, out: Diagnostic[]): void {
  const ref = rule.action.ref;
  if (ref === '') return;
  const action = ctx.actions.get(ref);
  if (!action) {
    const elsewhere = missingPack(rule, ref, ctx.missingPacks);
    if (elsewhere !== undefined) {
      if (elsewhere) out.push(elsewhere);
      return;
    }
    const hint = suggest(ref, ctx.actions.keys());
    out.push({
      code: 'RULES_E_ACTION_NOT_FOUND',
      severity: 'error',
      message: `action "${ref}" does not exist in the loaded packs or the built-in core pack`,
      ...(hint ? { hint: `Did you mean "${hint}"?` } : {}),
      ...at(rule, '/action/ref'),
    });
    return;
  }
  const runner = ctx.runners.get(action.runnerType);
  if (rule.enabled && (action.definitionOnly === true || (runner && !runner.executable)))
    out.push(notExecutable(rule, action, runner, ctx.runners));
  const specs: Record<string, ParameterSpec> = { ...(runner?.parameters ?? {}) };
  // Action parameters override runner parameters of the same name (StackStorm merges them so).
  for (const [k, v] of Object.entries(action.parameters)) specs[k] = { ...(specs[k] ?? {}), ...v };
  const given = rule.action.parameters;
  for (const [name, value] of Object.entries(given)) {
    const pointer = `/action/parameters/${pointerSegment(name)}`;
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      const hint = suggest(name, Object.keys(specs));
      out.push({
        code: 'RULES_E_ACTION_PARAMETER_UNKNOWN',
        severity: 'error',
        message: `action "${ref}" has no parameter "${name}"`,
        hint: hint ? `Did you mean "${hint}"?` : `Parameters: ${Object.keys(specs).sort().join(', ') || '(none)'}.`,
        ...at(rule, pointer, true),
      });
      continue;
    }
    if (spec.immutable === true) {
      out.push({
        code: 'RULES_E_ACTION_PARAMETER_IMMUTABLE',
        severity: 'error',
        message: `parameter "${name}" of action "${ref}" is immutable and cannot be set by a rule`,
        ...at(rule, pointer, true),
      });
      continue;
    }
    if (isTemplated(value) || (typeof value === 'object' && value !== null && JSON.stringify(value).includes('{{')))
      continue;
    if (typeof spec.type === 'string' && !literalFits(spec.type, value)) {
      out.push({
        code: 'RULES_E_ACTION_PARAMETER_TYPE',
        severity: 'error',
        message: `parameter "${name}" of action "${ref}" must be ${spec.type}, got ${jsType(value)}`,
        ...at(rule, pointer),
      });
      continue;
    }
    if (Array.isArray(spec.enum) && !spec.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
      out.push({
        code: 'RULES_E_ACTION_PARAMETER_TYPE',
        severity: 'error',
        message: `parameter "${name}" of action "${ref}" must be one of ${spec.enum.map((e) => JSON.stringify(e)).join(', ')}`,
        ...at(rule, pointer),
      });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required === true && spec.default === undefined && !Object.hasOwn(given, name)) {
      out.push({
        code: 'RULES_E_ACTION_PARAMETER_REQUIRED',
        severity: 'error',
        message: `action "${ref}" requires parameter "${name}"`,
        ...at(rule, Object.keys(given).length ? '/action/parameters' : '/action', true),
      });
    }
  }
}

/**
 * An action of a pack that is not in the pack roots (a rule of pack A calling `slack.post_message`, slack installed
 * elsewhere): null when the pack is declared installed, a warning (an error with --strict or an installed list),
 * undefined when the ref is simply unknown (no pack part, or its pack is loaded): RULES_E_ACTION_NOT_FOUND.
 */
function missingPack(
  rule: RuleModel,
  ref: string,
  policy: MissingPackPolicy | undefined,
): Diagnostic | null | undefined {
  const dot = ref.indexOf('.');
  if (!policy || dot <= 0 || dot === ref.length - 1) return undefined;
  const pack = ref.slice(0, dot);
  if (policy.loaded.has(pack)) return undefined;
  if (policy.installed?.has(pack)) return null;
  const where = at(rule, '/action/ref');
  if (policy.strict || policy.installed)
    return {
      code: 'RULES_E_ACTION_PACK_NOT_INSTALLED',
      severity: 'error',
      message: `action "${ref}" is in pack "${pack}", which is not in the pack roots${policy.installed ? ' nor among the installed packs' : ''}`,
      hint: policy.installed
        ? `Add the pack's directory with --packs, or "${pack}" to installedPacks in the config file.`
        : `Add the pack's directory with --packs, or list it under installedPacks in a config file (--config).`,
      ...where,
    };
  return {
    code: 'RULES_W_ACTION_PACK_NOT_LOADED',
    severity: 'warning',
    message: `action "${ref}" is in pack "${pack}", which is not in the pack roots: it is not checked, and StackStorm runs it only where "${pack}" is installed`,
    hint: `Add the pack's directory with --packs, declare it in installedPacks of a config file (--config), or make this an error with --strict.`,
    ...where,
  };
}

/**
 * Once per enabled rule whose action this runtime cannot run: its runner is not executable here
 * (rules/executable-runners.yaml), or it is a built-in core/packs action whose StackStorm script is not shipped.
 */
function notExecutable(
  rule: RuleModel,
  action: ActionModel,
  runner: RunnerType | undefined,
  runners: ReadonlyMap<string, RunnerType>,
): Diagnostic {
  const here = [...new Set([...runners.values()].filter((r) => r.executable).map((r) => r.name))].sort();
  const base = {
    code: 'RULES_W_ACTION_RUNNER_NOT_EXECUTABLE',
    severity: 'warning' as const,
    ...at(rule, '/action/ref'),
  };
  if (runner && !runner.executable)
    return {
      ...base,
      message: `action "${action.ref}" runs on the "${runner.name}" runner, which this runtime does not execute: StackStorm runs it, here every execution of this rule fails`,
      hint: `rules executes ${here.join(', ')}. Run this rule in StackStorm, or give it an action of one of those runners.`,
    };
  return {
    ...base,
    message: `action "${action.ref}" is a definition only here: its entry point "${action.entryPoint}" is StackStorm's and not shipped with rules, so every execution of this rule fails`,
    hint: `Put StackStorm's own "${action.pack}" pack in a pack root (--packs): its copy of the action, with the file, replaces the definition.`,
  };
}

/** Pack actions whose runner type is unknown or removed from StackStorm; duplicate action refs. */
export function checkActions(
  actions: readonly ActionModel[],
  runners: ReadonlyMap<string, RunnerType>,
  removed: ReadonlyMap<string, RemovedRunner> = new Map(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, ActionModel>();
  for (const a of actions) {
    if (!a.source) continue;
    if (a.runnerType !== '' && !runners.has(a.runnerType)) out.push(unknownRunner(a, a.source, runners, removed));
    const first = seen.get(a.ref);
    if (first)
      out.push({
        code: 'RULES_E_ACTION_DUPLICATE',
        severity: 'error',
        message: `duplicate action "${a.ref}" (also defined in ${first.file})`,
        pointer: '/name',
        ...locate(a.source, '/name'),
      });
    else seen.set(a.ref, a);
  }
  return out;
}

/** StackStorm's registrar refuses both; a runner type it removed gets the reason and its replacement. */
function unknownRunner(
  a: ActionModel,
  source: SourceMap,
  runners: ReadonlyMap<string, RunnerType>,
  removed: ReadonlyMap<string, RemovedRunner>,
): Diagnostic {
  const where = { pointer: '/runner_type', ...locate(source, '/runner_type') };
  const gone = removed.get(a.runnerType);
  if (gone)
    return {
      code: 'RULES_E_ACTION_RUNNER_REMOVED',
      severity: 'error',
      message: `runner type "${a.runnerType}" does not exist in StackStorm 3.x: ${gone.reason}`,
      ...(gone.replacement ? { hint: `Use "${gone.replacement}".` } : {}),
      ...where,
    };
  const hint = suggest(a.runnerType, runners.keys());
  return {
    code: 'RULES_E_ACTION_RUNNER_UNKNOWN',
    severity: 'error',
    message: `runner type "${a.runnerType}" does not exist`,
    ...(hint ? { hint: `Did you mean "${hint}"?` } : {}),
    ...where,
  };
}
