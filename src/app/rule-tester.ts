// The rule tester behind `rules test`: StackStorm's st2-rule-tester (spec §5.3) and fixture suites.
// Matching goes through buildMatcher, the same compiled matcher the runtime serves.
import { readFileSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { compilePacks, loadRuleFile } from '../compile/index.ts';
import { buildMatcher, compileRuleCriteria, interpretRule } from '../criteria/index.ts';
import type { CriterionExplanation } from '../criteria/index.ts';
import type { Diagnostic } from '../diagnostics/index.ts';
import { DEFAULT_SYSTEM_USER, executionContext, prepareExecution, renderActionParameters } from '../enforce/index.ts';
import type { ActionRuntime } from '../enforce/index.ts';
import { runners } from '../actions/index.ts';
import { loadBuiltins, parseYaml, pointerSegment, rulesDir } from '../pack/index.ts';
import { buildRuleSet } from '../ruleset/index.ts';
import type { ActionModel, RuleModel, RuleSet, SourceMap, Span } from '../model/index.ts';

export interface TriggerInstanceInput {
  trigger: string;
  payload: unknown;
}

export interface RuleTestResult {
  matched: boolean;
  failures: string[];
  explanation: CriterionExplanation[];
  parameters?: Record<string, unknown>;
  /** Why it does not match beyond the criteria (trigger mismatch, parameter render error, compile errors). */
  error?: string;
  note?: string;
}

function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function nullSource(file: string): SourceMap {
  const span = (): Span => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });
  return { file, span, keySpan: span, scalarOffset: span };
}

/**
 * A RuleModel from a rule document as st2-rule-tester loads it: no validation, `enabled` forced true,
 * pack and name default to `unknown`.
 */
export function ruleFromDocument(
  doc: unknown,
  file: string,
  source: SourceMap = nullSource(file),
  pointer = '',
): RuleModel {
  const d = isDict(doc) ? doc : {};
  const pack = typeof d.pack === 'string' ? d.pack : 'unknown';
  const name = typeof d.name === 'string' ? d.name : 'unknown';
  const trigger = isDict(d.trigger) ? d.trigger : {};
  const action = isDict(d.action) ? d.action : {};
  const criteria = isDict(d.criteria) ? d.criteria : {};
  const type = isDict(d.type) ? d.type : {};
  return {
    ref: `${pack}.${name}`,
    pack,
    name,
    uid: `rule:${pack}:${name}`,
    enabled: true,
    trigger: {
      type: typeof trigger.type === 'string' ? trigger.type : '',
      parameters: isDict(trigger.parameters) ? trigger.parameters : {},
    },
    criteria: Object.entries(criteria).map(([key, spec]) => {
      const s = isDict(spec) ? spec : {};
      return {
        key,
        type: typeof s.type === 'string' ? s.type : undefined,
        pattern: s.pattern,
        condition: s.condition,
        pointer: `${pointer}/criteria/${pointerSegment(key)}`,
      };
    }),
    action: {
      ref: typeof action.ref === 'string' ? action.ref : '',
      parameters: isDict(action.parameters) ? action.parameters : {},
    },
    kind: type.ref === 'backstop' ? 'backstop' : 'standard',
    metadataFile: file,
    file,
    source,
    hash: '',
  };
}

/** Loads a YAML or JSON file (JSON is YAML). */
export async function loadDocument(
  path: string,
): Promise<{ value: unknown; source: SourceMap; diagnostics: Diagnostic[] }> {
  const text = await readFile(path, 'utf8');
  const doc = parseYaml(text, path);
  return { value: doc.value, source: doc.source, diagnostics: doc.diagnostics };
}

/** Loads a rule file as st2-rule-tester does (the pack compiler's loader: enabled forced true, pack/name default `unknown`). */
export function loadRule(path: string): Promise<{ rule?: RuleModel; diagnostics: Diagnostic[] }> {
  return loadRuleFile(path);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

let runtime: ActionRuntime | undefined;
/** The runners and runner schemas the server's engine resolves actions with. */
function actionRuntime(): ActionRuntime {
  runtime ??= { runners, runnerSchemas: loadBuiltins().runners };
  return runtime;
}

/** Runs one trigger instance against one rule, as st2-rule-tester does. */
export function testRule(input: {
  rule: RuleModel;
  instance: TriggerInstanceInput;
  datastore?: { system?: Record<string, unknown>; user?: Record<string, unknown> };
  action?: ActionModel;
  /** The compiled packs: the rule's action is resolved, rendered and finalized from them as the server does. */
  ruleSet?: RuleSet;
  triggerInstanceId?: string;
}): RuleTestResult {
  const rule: RuleModel = { ...input.rule, enabled: true };
  const compiled = compileRuleCriteria(rule);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  const datastore = { system: input.datastore?.system ?? {}, user: input.datastore?.user ?? {} };
  const opts = { triggerInstanceId: input.triggerInstanceId ?? 'rule-tester', datastore };
  const explanation = interpretRule(compiled.value!, input.instance.payload, opts);
  const compileError = errors.length ? errors.map(formatDiagnostic).join('\n') : undefined;
  if (rule.trigger.type !== input.instance.trigger) {
    return {
      matched: false,
      failures: [],
      explanation: [],
      error: compileError,
      note: `trigger "${input.instance.trigger}" is not the rule's trigger type "${rule.trigger.type}"`,
    };
  }
  // The same compiled, indexed matcher the runtime uses decides; the interpreter only explains.
  const result = buildMatcher([rule]).match(input.instance.payload, opts);
  const base = {
    failures: result.failures.map((f) => f.reason),
    explanation: explanation.explanation,
    note: explanation.note,
    error: compileError,
  };
  if (result.matched.length === 0) return { matched: false, ...base };
  // The action_context the engine gives the execution (RuleEnforcer.get_action_execution_context).
  const action = input.ruleSet?.actions.get(rule.action.ref) ?? input.action;
  const instanceRef = { id: opts.triggerInstanceId, traceTag: '' };
  const actionContext = executionContext(rule, action, instanceRef, opts.triggerInstanceId, DEFAULT_SYSTEM_USER);
  if (input.ruleSet?.actions.has(rule.action.ref)) {
    // The server's own path (RuleEnforcer.get_resolved_parameters): runner and action parameters with their
    // defaults and schema casts, config_context from configs/<pack>.yaml.
    const payload = { payload: input.instance.payload };
    const prepared = prepareExecution(rule, payload, input.ruleSet, actionContext, datastore, actionRuntime());
    if (!prepared.ok) return { matched: false, ...base, error: prepared.error };
    return { matched: true, ...base, parameters: prepared.parameters };
  }
  // No packs hold the action (an inline rule tested on its own): the rule's parameters rendered alone.
  const rendered = renderActionParameters({
    ruleParameters: rule.action.parameters,
    actionParameters: input.action?.parameters ?? {},
    runnerParameters: {},
    context: { trigger: input.instance.payload, action_context: actionContext, config_context: {}, datastore },
  });
  if (!rendered.ok) return { matched: false, ...base, error: rendered.error };
  return { matched: true, ...base, parameters: rendered.parameters };
}

// ---------- fixtures ----------

export interface FixtureResult {
  file: string;
  name: string;
  rule: string;
  matched: boolean;
  pass: boolean;
  failures: string[];
  parameters?: Record<string, unknown>;
  error?: string;
  explanation?: CriterionExplanation[];
}

/** Files named by the arguments: files as they are, directories for their *.yaml / *.yml / *.json. */
export async function fixtureFiles(paths: string[], roots: string[]): Promise<string[]> {
  const out: string[] = [];
  const fromDir = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const n of names.sort()) if (/\.(ya?ml|json)$/.test(n)) out.push(join(dir, n));
  };
  if (paths.length === 0) {
    for (const root of roots) {
      let packs: string[] = [];
      try {
        packs = (await readdir(root)).sort();
      } catch {
        continue;
      }
      for (const p of packs) await fromDir(join(root, p, 'tests'));
    }
    return out;
  }
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) throw new Error(`no such file or directory: ${p}`);
    if (s.isDirectory()) await fromDir(p);
    else out.push(p);
  }
  return out;
}

interface PackIndex {
  rules: Map<string, RuleModel>;
  actions: Map<string, ActionModel>;
  ruleSet: RuleSet;
  diagnostics: Diagnostic[];
}

/** The packs of the roots compiled (with the built-in core and packs packs), as the server loads them. */
export async function loadPacks(roots: string[]): Promise<PackIndex> {
  const out = await compilePacks({ roots });
  return {
    rules: new Map(out.rules.map((r) => [r.ref, r])),
    actions: new Map(out.actions.map((a) => [a.ref, a])),
    ruleSet: buildRuleSet(out, 0),
    diagnostics: out.diagnostics,
  };
}

let fixtureValidator: ValidateFunction | undefined;

/** Checks a fixture against rules/schema/rule-test.schema.json; returns the problems as text. */
export function fixtureProblems(doc: unknown): string[] {
  if (!fixtureValidator) {
    const schema = JSON.parse(readFileSync(join(rulesDir, 'schema/rule-test.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    fixtureValidator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (fixtureValidator(doc)) return [];
  return (fixtureValidator.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}

/** Runs fixture files; packs are compiled once, only when a fixture names a rule by ref. */
export async function runFixtures(files: string[], roots: string[], explain = false): Promise<FixtureResult[]> {
  let packs: PackIndex | undefined;
  const results: FixtureResult[] = [];
  for (const file of files) {
    const base: FixtureResult = { file, name: file, rule: '', matched: false, pass: false, failures: [] };
    let doc: Awaited<ReturnType<typeof loadDocument>>;
    try {
      doc = await loadDocument(file);
    } catch (e) {
      results.push({ ...base, error: `cannot read ${file}: ${(e as Error).message}` });
      continue;
    }
    const fx = doc.value;
    if (!isDict(fx) || doc.diagnostics.some((d) => d.severity === 'error')) {
      results.push({ ...base, error: doc.diagnostics.map(formatDiagnostic).join('\n') || 'fixture is not a mapping' });
      continue;
    }
    const name = typeof fx.name === 'string' ? fx.name : file;
    const expect = isDict(fx.expect) ? fx.expect : undefined;
    const ti = isDict(fx.trigger_instance) ? fx.trigger_instance : undefined;
    const problems = fixtureProblems(fx);
    if (!expect || typeof expect.match !== 'boolean' || !ti || typeof ti.trigger !== 'string' || problems.length) {
      results.push({
        ...base,
        name,
        error: `not a valid fixture (rules/schema/rule-test.schema.json): ${problems.join('; ')}`,
      });
      continue;
    }
    let rule: RuleModel | undefined;
    let action: ActionModel | undefined;
    let error: string | undefined;
    if (isDict(fx.rule)) rule = ruleFromDocument(fx.rule, file, doc.source, '/rule');
    else if (typeof fx.rule === 'string' && /[/\\]|\.(ya?ml|json)$/.test(fx.rule)) {
      const path = isAbsolute(fx.rule) ? fx.rule : resolve(dirname(file), fx.rule);
      const loaded = await loadRule(path).catch((e: unknown) => ({ rule: undefined, diagnostics: [], err: String(e) }));
      rule = loaded.rule;
      if (!rule) error = loaded.diagnostics.map(formatDiagnostic).join('\n') || `cannot load rule file ${path}`;
    } else if (typeof fx.rule === 'string') {
      packs ??= await loadPacks(roots);
      const found = packs.rules.get(fx.rule);
      rule = found;
      if (!found) error = `rule "${fx.rule}" not found in ${roots.join(', ')}`;
      else {
        action = packs.actions.get(found.action.ref);
        const own = packs.diagnostics.filter((d) => d.severity === 'error' && d.file === found.file);
        if (own.length) error = own.map(formatDiagnostic).join('\n');
      }
    } else error = 'rule must be a ref, a path or a rule mapping';
    const ruleName = rule?.ref ?? (typeof fx.rule === 'string' ? fx.rule : 'inline');
    if (!rule || error) {
      results.push({ ...base, name, rule: ruleName, error });
      continue;
    }
    const ds = isDict(fx.datastore) ? fx.datastore : {};
    // Every rule, inline or not, calls its action as the server would: from the compiled packs.
    packs ??= await loadPacks(roots);
    const r = testRule({
      rule,
      instance: { trigger: ti.trigger, payload: ti.payload ?? null },
      datastore: { system: isDict(ds.system) ? ds.system : {}, user: isDict(ds.user) ? ds.user : {} },
      action,
      ruleSet: packs.ruleSet,
    });
    let pass = r.matched === expect.match && !r.error;
    const failures = [...r.failures];
    if (r.note && !r.matched) failures.push(r.note);
    if (
      pass &&
      expect.match &&
      expect.parameters !== undefined &&
      !isDeepStrictEqual(r.parameters, expect.parameters)
    ) {
      pass = false;
      failures.push(
        `parameters differ: expected ${JSON.stringify(expect.parameters)}, got ${JSON.stringify(r.parameters)}`,
      );
    }
    if (r.error && r.matched === false && expect.match === false && !r.error.includes('RULES_E_')) pass = true;
    results.push({
      file,
      name,
      rule: ruleName,
      matched: r.matched,
      pass,
      failures,
      ...(r.parameters ? { parameters: r.parameters } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(explain ? { explanation: r.explanation } : {}),
    });
  }
  return results;
}
