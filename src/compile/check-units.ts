// The semantic checks of one pack (actions, rules, criteria, templates, shell quoting), kept per pack: an
// incremental compile reuses an unchanged pack's unit object, and its results stay valid while every action
// and trigger type its rules name resolves to the same model. So a reload checks the changed packs only.
import type { Diagnostic } from '../diagnostics/index.ts';
import { compileRuleCriteria, parseKeyPath } from '../criteria/index.ts';
import type { CompileCache, RemovedRunner, RunnerType } from '../pack/index.ts';
import type { ActionModel, RuleModel, TriggerTypeModel } from '../model/index.ts';
import { checkCriteriaSt2 } from './check-criteria.ts';
import { checkActions, checkRuleList } from './check-rules.ts';
import type { MissingPackPolicy, UrlUses } from './check-rules.ts';
import { checkParameterTemplates } from './check-templates.ts';
import { checkShellQuoting } from './shell-quoting.ts';
import type { PackUnit } from './models.ts';

export interface UnitCheckContext {
  /** Every action and trigger type by ref (built-ins and every pack; the first of a ref wins). */
  actions: ReadonlyMap<string, ActionModel>;
  triggerTypes: ReadonlyMap<string, TriggerTypeModel>;
  runners: ReadonlyMap<string, RunnerType>;
  /** Runner types StackStorm removed (rules/removed-runners.yaml): reported with the reason. */
  removedRunners?: ReadonlyMap<string, RemovedRunner>;
  strictSt2: boolean;
  /** Actions of packs that are not in the pack roots (issue 14). */
  missingPacks?: MissingPackPolicy;
  cache?: CompileCache | undefined;
}

export interface UnitChecks {
  /** Everything but the url spelling warnings (they need every pack: checkUrlSpellings). */
  diagnostics: readonly Diagnostic[];
  urls: ReadonlyMap<string, UrlUses>;
  /** Every webhook url the pack's rules declare, as written. */
  declared: ReadonlySet<string>;
}

interface UnitMemo extends UnitChecks {
  strictSt2: boolean;
  /** What the rules' refs resolved to; every one resolved (an unknown ref's hint depends on every ref). */
  actions: Map<string, ActionModel>;
  triggerTypes: Map<string, TriggerTypeModel>;
}

const units = new WeakMap<PackUnit, UnitMemo>();

/** Per-rule check results by model object (a pack rechecked for another pack's change keeps its rules). */
const ruleChecks = new WeakMap<
  RuleModel,
  { action: ActionModel | undefined; strictSt2: boolean; found: Diagnostic[] }
>();

const resolveSame = <T>(memo: ReadonlyMap<string, T>, now: ReadonlyMap<string, T>): boolean => {
  for (const [ref, model] of memo) if (now.get(ref) !== model) return false;
  return true;
};

/** The checks of one pack: `checkUnit(unit, { actions, triggerTypes, runners, strictSt2 })`. */
export function checkUnit(unit: PackUnit, ctx: UnitCheckContext): UnitChecks {
  const memo = units.get(unit);
  if (
    memo &&
    memo.strictSt2 === ctx.strictSt2 &&
    resolveSame(memo.actions, ctx.actions) &&
    resolveSame(memo.triggerTypes, ctx.triggerTypes)
  )
    return memo;

  const actions = new Map<string, ActionModel>();
  const triggerTypes = new Map<string, TriggerTypeModel>();
  let resolved = true;
  for (const rule of unit.rules) {
    const action = rule.action.ref === '' ? undefined : ctx.actions.get(rule.action.ref);
    if (action) actions.set(action.ref, action);
    else if (rule.action.ref !== '') resolved = false;
    const type = rule.trigger.type === '' ? undefined : ctx.triggerTypes.get(rule.trigger.type);
    if (type) triggerTypes.set(type.ref, type);
    else if (rule.trigger.type !== '') resolved = false;
  }

  const listed = checkRuleList({
    rules: unit.rules,
    actions: ctx.actions,
    triggerTypes: ctx.triggerTypes,
    runners: ctx.runners,
    enabledOmitted: unit.enabledOmitted,
    strictSt2: ctx.strictSt2,
    ...(ctx.missingPacks ? { missingPacks: ctx.missingPacks } : {}),
  });
  const diagnostics = [...checkActions(unit.actions, ctx.runners, ctx.removedRunners), ...listed.diagnostics];
  for (const rule of unit.rules) diagnostics.push(...checkRule(rule, ctx.actions.get(rule.action.ref), ctx));
  const checked: UnitMemo = {
    diagnostics,
    urls: listed.urls,
    declared: listed.declared,
    strictSt2: ctx.strictSt2,
    actions,
    triggerTypes,
  };
  if (resolved) units.set(unit, checked);
  else units.delete(unit);
  return checked;
}

/** Criteria, parameter templates and shell quoting of one rule, memoised by model and by content hash. */
function checkRule(rule: RuleModel, action: ActionModel | undefined, ctx: UnitCheckContext): Diagnostic[] {
  const { strictSt2, cache } = ctx;
  const memo = ruleChecks.get(rule);
  if (memo && memo.action === action && memo.strictSt2 === strictSt2) return memo.found;
  // Everything these checks read: the rule's file and content, its action, the strictness.
  const key = JSON.stringify([rule.file, rule.hash, rule.pack, action?.ref ?? null, action?.hash ?? null, strictSt2]);
  const cached = cache?.check(key);
  if (cached) {
    ruleChecks.set(rule, { action, strictSt2, found: cached });
    return cached;
  }
  const found: Diagnostic[] = [];
  found.push(...compileRuleCriteria(rule).diagnostics.map((d) => exactKeyColumn(rule, d)));
  found.push(...checkCriteriaSt2(rule, strictSt2));
  const runner = action ? ctx.runners.get(action.runnerType) : undefined;
  found.push(...checkParameterTemplates(rule, action, Object.keys(runner?.parameters ?? {})));
  if (action) found.push(...checkShellQuoting(rule, action, runner?.parameters));
  cache?.setCheck(key, found);
  ruleChecks.set(rule, { action, strictSt2, found });
  return found;
}

/**
 * Key path errors point at the whole key; narrow them to the offending characters when the key is on
 * one line (plain or quoted without escapes), so the caret lands inside the key.
 */
function exactKeyColumn(rule: RuleModel, d: Diagnostic): Diagnostic {
  if (d.code !== 'RULES_E_CRITERIA_KEY_SYNTAX' || d.pointer === undefined) return d;
  const criterion = rule.criteria.find((c) => c.pointer === d.pointer);
  if (!criterion) return d;
  const local = parseKeyPath(criterion.key).diagnostics[0];
  const span = rule.source.keySpan(d.pointer);
  if (!local || local.start === undefined || !span || span.endLine !== span.line) return d;
  const width = span.endColumn - span.column;
  const quote = width === criterion.key.length + 2 ? 1 : width === criterion.key.length ? 0 : undefined;
  if (quote === undefined) return d;
  const start = span.column + quote + local.start;
  const end = span.column + quote + Math.max(local.end ?? criterion.key.length, local.start + 1);
  return { ...d, line: span.line, column: start, endLine: span.line, endColumn: Math.min(end, span.endColumn - quote) };
}
