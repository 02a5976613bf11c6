// One generated matcher per Trigger over all its rules (spec §4.1, two passes for backstop rules).
// Each rule becomes a function generated through the quoting builder; constant equals/iequals/
// inside/startswith criteria on the most selective path feed hash-map and prefix indexes that pick
// the candidate rules, so the cost per event barely grows with the number of rules.
import { pyTruthy, pyLower } from '../python/index.ts';
import type { RuleModel, MatchFailure, MatchOptions, MatchResult, Matcher } from '../model/index.ts';
import { Code, Scope, _, comment, join } from '../codegen/index.ts';
import { compileRuleCriteria } from './compile.ts';
import type { EvalEnv, FailureKind } from './evaluate.ts';
import { makeTemplateContext, recordFailure } from './evaluate.ts';
import type { CompiledCriteria, CriterionIR } from './ir.ts';
import { interpretRule } from './interpret.ts';
import { runtime } from './runtime.ts';

export interface BuildMatcherOptions {
  /** `interpret` runs the reference interpreter; `compiled` (default) generated code. */
  mode?: 'interpret' | 'compiled';
  /** Use the indexes (default true; only with `compiled`). */
  index?: boolean;
}

export interface CompiledMatcher extends Matcher {
  /** The generated JavaScript, for `rules compile --emit`. */
  readonly source: string;
}

const FAIL_KIND: Record<FailureKind, number> = { render: 0, key: 1, operator: 2 };
const KINDS: FailureKind[] = ['render', 'key', 'operator'];

// ---------- code generation ----------

function valueCode(c: CriterionIR, scope: Scope, rt: Code, t: Code, env: Code): Code {
  if (c.keyPath.kind !== 'path') return _`undefined`;
  const steps = c.keyPath.path.steps;
  if (!steps) {
    const kp = scope.value('kp', c.keyPath.path);
    return _`${rt}.resolve(${kp}, "trigger", ${t}, ${env}.system)`;
  }
  const [first, ...rest] = steps;
  let code: Code = first === 'trigger' ? t : first === 'system' ? _`${env}.system` : _`undefined`;
  if (first !== 'trigger' && first !== 'system') return code;
  for (const s of rest) code = typeof s === 'number' ? _`${rt}.i(${code}, ${s})` : _`${rt}.f(${code}, ${s})`;
  return code;
}

function isPrimitive(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function criterionCode(ruleIdx: number, idx: number, c: CriterionIR, scope: Scope, rt: Code, t: Code, env: Code): Code {
  const lines: Code[] = [comment(`${c.key}: ${String(c.type)} (${c.location})`)];
  const fail = (kind: FailureKind, err: Code): Code =>
    _`${env}.fail(${ruleIdx}, ${idx}, ${FAIL_KIND[kind]}, ${err}); return false;`;
  if (c.type === undefined) return join([...lines, _`return false;`], '\n');
  const v = new Code('v');
  const p = new Code('p');
  let patternCode: Code;
  let constant: { value: unknown } | undefined;
  if (c.isSearch) {
    patternCode = _`undefined`;
  } else if (c.pattern.kind === 'constant') {
    constant = { value: c.pattern.value };
    patternCode = isPrimitive(c.pattern.value) ? _`${c.pattern.value ?? null}` : scope.value('k', c.pattern.value);
  } else if (c.pattern.kind === 'broken') {
    return join([...lines, fail('render', _`new ${rt}.PyError(${c.pattern.pyClass}, ${c.pattern.message})`)], '\n');
  } else {
    const render = scope.value('pat', c.pattern.render);
    lines.push(_`try { p = ${render}(${env}.tctx(${t})); } catch (e) { ${fail('render', _`e`)} }`);
    patternCode = p;
  }
  if (c.keyPath.kind === 'broken') {
    lines.push(fail('key', _`new ${rt}.PyError("JsonPathLexerError", ${c.keyPath.message})`));
    return join(lines, '\n');
  }
  const value = valueCode(c, scope, rt, t, env);
  // Plain steps cannot throw; a general JSONPath (`..`, `[*]`) is guarded like st2's lookup.
  lines.push(c.keyPath.path.steps ? _`v = ${value};` : _`try { v = ${value}; } catch (e) { ${fail('key', _`e`)} }`);
  const op = c.operator;
  if (!op) {
    lines.push(fail('operator', _`new Error(${`Invalid operator: ${c.type.toLowerCase()}`})`));
    return join(lines, '\n');
  }
  if (c.isSearch) {
    const ir = scope.value('search', c);
    lines.push(
      _`try { if (!${rt}.search(v, ${ir}, ${env}.evalEnv(${ruleIdx}))) return false; } catch (e) { ${fail('operator', _`e`)} }`,
    );
    return join(lines, '\n');
  }
  if (op.noneGuard) {
    if (constant && (constant.value === null || constant.value === undefined)) {
      lines.push(_`return false;`);
      return join(lines, '\n');
    }
    if (!constant) lines.push(_`if (p == null) return false;`);
  }
  const expr = op.generate({ value: v, pattern: patternCode, constant, scope, rt });
  lines.push(
    op.mayRaise
      ? _`try { if (!(${expr})) return false; } catch (e) { ${fail('operator', _`e`)} }`
      : _`if (!(${expr})) return false;`,
  );
  return join(lines, '\n');
}

function ruleCode(ruleIdx: number, compiled: CompiledCriteria, scope: Scope, rt: Code): Code {
  const t = new Code('t');
  const env = new Code('env');
  const { rule, criteria } = compiled;
  const head = comment(`rule ${rule.ref} (${rule.file}${criteria[0] ? `, criteria at ${criteria[0].location}` : ''})`);
  // st2: non-empty criteria never match a falsy payload (env.truthy is computed once per event).
  const body =
    criteria.length === 0
      ? _`return true;`
      : join(
          [
            _`if (!${env}.truthy) return false;`,
            _`let v, p;`,
            ...criteria.map((c, i) => criterionCode(ruleIdx, i, c, scope, rt, t, env)),
            _`return true;`,
          ],
          '\n',
        );
  const indented = new Code(
    body.code
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  return _`${head}\nfunction r${new Code(String(ruleIdx))}(t, env) {\n${indented}\n}`;
}

// ---------- indexes ----------

type IndexKind = 'eq' | 'ieq' | 'prefix';

interface IndexEntry {
  kind: IndexKind;
  /** Normalised keys (eq: 's:str' / 'n:num'; ieq: lower-cased; prefix: the prefix). */
  keys: string[];
}

function eqKey(v: unknown): string | undefined {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : `n${v}`;
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  return undefined;
}

// Criteria that can be skipped without changing results: they never raise, so no failure is lost.
function neverRaises(c: CriterionIR): boolean {
  if (c.type === undefined) return true;
  if (c.keyPath.kind !== 'path' || c.pattern.kind !== 'constant' || !c.operator || c.isSearch) return false;
  return !c.operator.mayRaise;
}

function indexEntry(c: CriterionIR): IndexEntry | undefined {
  if (c.keyPath.kind !== 'path' || !c.keyPath.path.steps || c.pattern.kind !== 'constant' || !c.operator || c.isSearch)
    return undefined;
  const steps = c.keyPath.path.steps;
  if (steps[0] !== 'trigger') return undefined;
  const p = c.pattern.value;
  switch (c.operator.name) {
    case 'equals': {
      const k = eqKey(p);
      return k === undefined ? undefined : { kind: 'eq', keys: [k] };
    }
    case 'inside': {
      if (!Array.isArray(p)) return undefined;
      const keys = (p as unknown[]).map(eqKey);
      return keys.every((k): k is string => k !== undefined) ? { kind: 'eq', keys } : undefined;
    }
    case 'iequals':
      return typeof p === 'string' ? { kind: 'ieq', keys: [pyLower(p)] } : undefined;
    case 'startswith':
      return typeof p === 'string' ? { kind: 'prefix', keys: [p] } : undefined;
    default:
      return undefined;
  }
}

interface PathIndex {
  steps: ReadonlyArray<string | number>;
  eq: Map<string, number[]>;
  ieq: Map<string, number[]>;
  /** Rules to run when the value is not a str (iequals/startswith raise AttributeError then: failures must be recorded). */
  nonString: number[];
  /** The same, narrowed by an equals criterion that comes earlier in the rule (false there = never reaches the raise). */
  nonStringBy: Map<string, { steps: ReadonlyArray<string | number>; eq: Map<string, number[]> }>;
  prefix: Map<string, number[]>;
  prefixLengths: number[];
}

function push(map: Map<string, number[]>, key: string, rule: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [rule]);
  else if (list[list.length - 1] !== rule) list.push(rule);
}

function buildIndexes(
  compiled: readonly CompiledCriteria[],
  active: readonly number[],
): { paths: PathIndex[]; always: number[] } {
  const options = new Map<number, Array<{ sig: string; c: CriterionIR; entry: IndexEntry }>>();
  const distinct = new Map<string, Set<string>>();
  for (const r of active) {
    const list: Array<{ sig: string; c: CriterionIR; entry: IndexEntry }> = [];
    for (const c of compiled[r]!.criteria) {
      const entry = indexEntry(c);
      if (entry && c.keyPath.kind === 'path') {
        const sig = JSON.stringify(c.keyPath.path.steps);
        list.push({ sig, c, entry });
        let set = distinct.get(sig);
        if (!set) distinct.set(sig, (set = new Set()));
        for (const k of entry.keys) set.add(`${entry.kind}:${k}`);
      }
      if (!neverRaises(c)) break;
    }
    options.set(r, list);
  }
  const paths = new Map<string, PathIndex>();
  const always: number[] = [];
  for (const r of active) {
    const list = options.get(r) ?? [];
    if (list.length === 0) {
      always.push(r);
      continue;
    }
    // The most selective path: the one with the most distinct constants across the rules.
    const best = list.reduce((a, b) => ((distinct.get(b.sig)?.size ?? 0) > (distinct.get(a.sig)?.size ?? 0) ? b : a));
    let pi = paths.get(best.sig);
    if (!pi) {
      const steps = best.c.keyPath.kind === 'path' ? (best.c.keyPath.path.steps ?? []) : [];
      paths.set(
        best.sig,
        (pi = {
          steps,
          eq: new Map(),
          ieq: new Map(),
          nonString: [],
          nonStringBy: new Map(),
          prefix: new Map(),
          prefixLengths: [],
        }),
      );
    }
    const { entry } = best;
    const addNonString = (target: PathIndex): void => {
      const earlier = list.slice(0, list.indexOf(best)).filter((o) => o.entry.kind === 'eq');
      if (earlier.length === 0) {
        target.nonString.push(r);
        return;
      }
      const by = earlier.reduce((a, b) =>
        (distinct.get(b.sig)?.size ?? 0) > (distinct.get(a.sig)?.size ?? 0) ? b : a,
      );
      let group = target.nonStringBy.get(by.sig);
      if (!group)
        target.nonStringBy.set(
          by.sig,
          (group = { steps: by.c.keyPath.kind === 'path' ? (by.c.keyPath.path.steps ?? []) : [], eq: new Map() }),
        );
      for (const k of by.entry.keys) push(group.eq, k, r);
    };
    if (entry.kind === 'eq') for (const k of entry.keys) push(pi.eq, k, r);
    else if (entry.kind === 'ieq') {
      push(pi.ieq, entry.keys[0]!, r);
      addNonString(pi);
    } else {
      push(pi.prefix, entry.keys[0]!, r);
      addNonString(pi);
      if (!pi.prefixLengths.includes(entry.keys[0]!.length)) pi.prefixLengths.push(entry.keys[0]!.length);
    }
  }
  return { paths: [...paths.values()], always };
}

// Plain steps from the key root (`trigger` = the payload, `system` = the datastore).
function valueAt(steps: ReadonlyArray<string | number>, payload: unknown, system: Record<string, unknown>): unknown {
  let v: unknown = steps[0] === 'trigger' ? payload : steps[0] === 'system' ? system : undefined;
  for (let k = 1; k < steps.length && v !== undefined; k++) {
    const s = steps[k]!;
    v = typeof s === 'number' ? runtime.i(v, s) : runtime.f(v, s);
  }
  return v === null ? undefined : v;
}

function candidates(
  paths: readonly PathIndex[],
  always: readonly number[],
  payload: unknown,
  system: Record<string, unknown>,
): number[] {
  const out = always.slice();
  for (const pi of paths) {
    const v = valueAt(pi.steps, payload, system);
    const k = eqKey(v);
    if (k !== undefined) {
      const hit = pi.eq.get(k);
      if (hit) for (const r of hit) out.push(r);
    }
    if (typeof v === 'string') {
      if (pi.ieq.size) {
        const hit = pi.ieq.get(pyLower(v));
        if (hit) for (const r of hit) out.push(r);
      }
      for (const len of pi.prefixLengths) {
        if (len > v.length) continue;
        const hit = pi.prefix.get(v.slice(0, len));
        if (hit) for (const r of hit) out.push(r);
      }
    } else {
      for (const r of pi.nonString) out.push(r);
      for (const group of pi.nonStringBy.values()) {
        const gk = eqKey(valueAt(group.steps, payload, system));
        const hit = gk === undefined ? undefined : group.eq.get(gk);
        if (hit) for (const r of hit) out.push(r);
      }
    }
  }
  if (out.length > 1) {
    out.sort((a, b) => a - b);
    let w = 1;
    for (let x = 1; x < out.length; x++) if (out[x] !== out[w - 1]) out[w++] = out[x]!;
    out.length = w;
  }
  return out;
}

// ---------- the matcher ----------

interface GeneratedEnv {
  system: Record<string, unknown>;
  /** Python truthiness of the payload. */
  truthy: boolean;
  tctx(t: unknown): Readonly<Record<string, unknown>>;
  fail(rule: number, criterion: number, kind: number, e: unknown): void;
  evalEnv(rule: number): EvalEnv;
}

/** Compiles the rules of one Trigger into a matcher (see BuildMatcherOptions for the variants). */
export function buildMatcher(rules: readonly RuleModel[], options: BuildMatcherOptions = {}): CompiledMatcher {
  const compiled = rules.map((r) => compileRuleCriteria(r).value!);
  const enabled = rules.map((r, i) => (r.enabled ? i : -1)).filter((i) => i >= 0);
  const standard = enabled.filter((i) => rules[i]!.kind !== 'backstop');
  const backstop = enabled.filter((i) => rules[i]!.kind === 'backstop');
  const mode = options.mode ?? 'compiled';

  if (mode === 'interpret') {
    return {
      rules,
      source: '',
      match(payload: unknown, opts: MatchOptions): MatchResult {
        const failures: MatchFailure[] = [];
        const run = (ids: number[]): RuleModel[] =>
          ids
            .filter((i) => {
              const res = interpretRule(compiled[i]!, payload, opts);
              for (const reason of res.failures) failures.push({ rule: rules[i]!, reason });
              return res.matched;
            })
            .map((i) => rules[i]!);
        let matched = run(standard);
        if (matched.length === 0) matched = run(backstop);
        return { matched, failures };
      },
    };
  }

  const scope = new Scope();
  const rt = new Code('rt');
  const fns = compiled.map((c, i) =>
    rules[i]!.enabled
      ? ruleCode(i, c, scope, rt)
      : _`${comment(`rule ${rules[i]!.ref} is disabled`)}\nconst r${new Code(String(i))} = null;`,
  );
  const source = [
    '// Generated by rules: the criteria of every rule of one Trigger. Reads only own properties.',
    '"use strict";',
    ...scope.declarations.map((d) => d.code),
    ...fns.map((f) => f.code),
    `return [${compiled.map((_c, i) => `r${i}`).join(', ')}];`,
  ].join('\n');
  // The source is built only from rule text through the quoting builder (never from payloads).
  const factory = new Function('rt', 'ext', source) as (
    rt: unknown,
    ext: unknown[],
  ) => Array<((t: unknown, env: GeneratedEnv) => boolean) | null>;
  const ruleFns = factory(runtime, scope.externals);
  const useIndex = options.index ?? true;
  const standardIndex = useIndex ? buildIndexes(compiled, standard) : undefined;
  const backstopIndex = useIndex ? buildIndexes(compiled, backstop) : undefined;

  // One environment per matcher, reset per event: no closure is created on the hot path.
  const state = {
    system: {} as Record<string, unknown>,
    triggerInstanceId: '',
    failures: undefined as MatchFailure[] | undefined,
    contextFor: undefined as ReturnType<typeof makeTemplateContext> | undefined,
  };
  const tctxFor = (root: 'trigger' | 'item', subject: unknown): Readonly<Record<string, unknown>> =>
    (state.contextFor ??= makeTemplateContext(state.system))(root, subject);
  const evalEnvFor = (r: number): EvalEnv => {
    const rule = rules[r]!;
    // Failures of search children land in the same list as the generated code's.
    const sink = { push: (reason: string) => (state.failures ??= []).push({ rule, reason }) } as unknown as string[];
    return {
      ruleRef: rule.ref,
      triggerInstanceId: state.triggerInstanceId,
      system: state.system,
      templateContext: tctxFor,
      failures: sink,
    };
  };
  const env: GeneratedEnv = {
    system: state.system,
    truthy: false,
    tctx: (t) => tctxFor('trigger', t),
    fail(r, c, kind, e) {
      recordFailure(evalEnvFor(r), KINDS[kind]!, compiled[r]!.criteria[c]!, e);
    },
    evalEnv: evalEnvFor,
  };
  const run = (ids: readonly number[], payload: unknown): RuleModel[] => {
    const out: RuleModel[] = [];
    for (const i of ids) if (ruleFns[i]!(payload, env)) out.push(rules[i]!);
    return out;
  };

  return {
    rules,
    source,
    match(payload: unknown, opts: MatchOptions): MatchResult {
      state.system = opts.datastore?.system ?? {};
      env.system = state.system;
      env.truthy = pyTruthy(payload);
      state.triggerInstanceId = opts.triggerInstanceId;
      state.failures = undefined;
      state.contextFor = undefined;
      let matched = run(
        standardIndex ? candidates(standardIndex.paths, standardIndex.always, payload, state.system) : standard,
        payload,
      );
      if (matched.length === 0 && backstop.length)
        matched = run(
          backstopIndex ? candidates(backstopIndex.paths, backstopIndex.always, payload, state.system) : backstop,
          payload,
        );
      const failures = state.failures ?? [];
      state.failures = undefined;
      return { matched, failures };
    },
  };
}
