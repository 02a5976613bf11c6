// The pack compiler: packs on disk → parsed YAML → validated models → semantic checks (criteria,
// templates, actions, triggers) → everything a RuleSet is built from, plus every problem found.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadResult, LoadReuse } from '../pack/index.ts';
import { compileRuleCriteria, parseKeyPath } from '../criteria/index.ts';
import { checkShellQuoting } from '../enforce/lint.ts';
import { CompileCache, loadBuiltins, loadFile, loadPackRoots, resolvePackRoots } from '../pack/index.ts';
import { compilerSalt } from './salt.ts';
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel } from '../schema/index.ts';
import { buildModels, ruleFromDocument } from './models.ts';
import { checkActions, checkRules } from './check-rules.ts';
import { checkCriteriaSt2 } from './check-criteria.ts';
import { checkParameterTemplates } from './check-templates.ts';
import { loadWebhookOptions } from './webhooks.ts';
import type { WebhookOptions } from '../webhooks/index.ts';

export { resolvePackRoots, CompileCache };

export interface CompileOptions {
  roots: string[];
  /** Also report what real StackStorm rejects although we accept it. */
  strictSt2?: boolean;
  /**
   * Content-hash cache: a directory (kept between runs, e.g. `node_modules/.cache/rules`), an existing
   * CompileCache (watch mode keeps one in memory), or nothing (no cache).
   */
  cache?: string | CompileCache;
  /**
   * Incremental compile (watch mode): the previous output's `loaded` and the paths changed since. Packs
   * without a changed file are taken from it without reading the disk; every check still sees the whole tree.
   */
  reuse?: LoadReuse;
}

export interface CompileOutput {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  diagnostics: Diagnostic[];
  files: number;
  durationMs: number;
  /** Normalised url → webhook options (packs/<pack>/webhooks/*.yaml, src/compile/webhooks.ts). */
  webhookOptions?: ReadonlyMap<string, WebhookOptions>;
  /** The packs as read from disk, for the next incremental compile (`reuse.previous`). */
  loaded?: LoadResult;
}

/** Stable order for output: file, then position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** Per-rule check results by model object (incremental compiles keep unchanged rules' models). */
const ruleChecks = new WeakMap<RuleModel, { action: ActionModel | undefined; strictSt2: boolean; found: Diagnostic[] }>();

/** Compiles every pack under the roots: `await compilePacks({ roots: resolvePackRoots(undefined) })`. */
export async function compilePacks(options: CompileOptions): Promise<CompileOutput> {
  const started = performance.now();
  const strictSt2 = options.strictSt2 === true;
  const cache = typeof options.cache === 'string' ? await CompileCache.open(options.cache, await compilerSalt()) : options.cache;
  const loaded = await loadPackRoots(options.roots.map((r) => resolve(r)), cache, options.reuse);
  const models = buildModels(loaded);
  const builtins = loadBuiltins();
  const actions = [...builtins.actions, ...models.actions];
  const triggerTypes = [...builtins.triggerTypes, ...models.triggerTypes];
  const actionMap = new Map<string, ActionModel>();
  for (const a of actions) if (!actionMap.has(a.ref)) actionMap.set(a.ref, a);
  const typeMap = new Map<string, TriggerTypeModel>();
  for (const t of triggerTypes) if (!typeMap.has(t.ref)) typeMap.set(t.ref, t);

  const diagnostics: Diagnostic[] = [...models.diagnostics];
  diagnostics.push(...checkActions(models.actions, builtins.runners));
  diagnostics.push(...checkRules({ rules: models.rules, actions: actionMap, triggerTypes: typeMap, runners: builtins.runners, enabledOmitted: models.enabledOmitted, strictSt2 }));
  for (const rule of models.rules) {
    const action = actionMap.get(rule.action.ref);
    // Incremental compile: an unchanged pack's rules are the previous models, checked against the same action.
    const memo = options.reuse ? ruleChecks.get(rule) : undefined;
    if (memo && memo.action === action && memo.strictSt2 === strictSt2) {
      diagnostics.push(...memo.found);
      continue;
    }
    // Everything these checks read: the rule's file and content, its action, the strictness.
    const key = JSON.stringify([rule.file, rule.hash, rule.pack, action?.ref ?? null, action?.hash ?? null, strictSt2]);
    const cached = cache?.check(key);
    if (cached) {
      ruleChecks.set(rule, { action, strictSt2, found: cached });
      diagnostics.push(...cached);
      continue;
    }
    const found: Diagnostic[] = [];
    found.push(...compileRuleCriteria(rule).diagnostics.map((d) => exactKeyColumn(rule, d)));
    found.push(...checkCriteriaSt2(rule, strictSt2));
    const runner = action ? builtins.runners.get(action.runnerType) : undefined;
    found.push(...checkParameterTemplates(rule, action, Object.keys(runner?.parameters ?? {})));
    if (action) found.push(...checkShellQuoting(rule, action));
    cache?.setCheck(key, found);
    ruleChecks.set(rule, { action, strictSt2, found });
    diagnostics.push(...found);
  }
  if (cache) await cache.save();
  // Webhook options (issue 9): their own files, checked against every rule's url.
  const webhooks = await loadWebhookOptions(models.packs, models.rules);
  diagnostics.push(...webhooks.diagnostics);
  return {
    webhookOptions: webhooks.byUrl,
    packs: models.packs,
    rules: models.rules,
    actions,
    triggerTypes,
    diagnostics: sortDiagnostics(dedupe(diagnostics)),
    files: loaded.files + webhooks.files,
    durationMs: performance.now() - started,
    loaded,
  };
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

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const k = `${d.file}|${d.line}|${d.column}|${d.code}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The rule tester's loader (spec §5.3): no schema validation, pack/name default `unknown`, enabled forced true. */
export async function loadRuleFile(path: string): Promise<{ rule?: RuleModel; diagnostics: Diagnostic[] }> {
  const file = await loadFile(resolve(path), basename(path));
  if (file.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: file.diagnostics };
  const doc = file.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { diagnostics: [{ code: 'RULES_E_SCHEMA_INVALID', severity: 'error', message: 'a rule file must be a mapping', file: file.file, line: 1, column: 1, endLine: 1, endColumn: 1 }] };
  }
  const d = doc as Record<string, unknown>;
  const pack = typeof d['pack'] === 'string' ? d['pack'] : 'unknown';
  const rule = ruleFromDocument({ ...d, name: typeof d['name'] === 'string' ? d['name'] : 'unknown' }, file, pack);
  if (!rule) return { diagnostics: file.diagnostics };
  rule.enabled = true;
  return { rule, diagnostics: file.diagnostics };
}
