// The reference interpreter of the IR: StackStorm's _check_criterion step by step (spec §4.1). It is
// the oracle of the tests, the engine of --explain, and what generated code calls for search children.
import { PyError, pyStr } from '../python/index.ts';
import { DatastoreScope } from '../template/index.ts';
import type { CriterionIR, PatternContext } from './ir.ts';
import { resolveKeyPath } from './key-path.ts';
import { search } from './operators/index.ts';

export type FailureKind = 'render' | 'key' | 'operator';

/** What one evaluated criterion did, for --explain. */
export interface CriterionExplanation {
  key: string;
  operator: string | undefined;
  /** The resolved value (undefined = None / missing). */
  value?: unknown;
  /** The rendered pattern. */
  pattern?: unknown;
  result: boolean;
  error?: string;
  location: string;
  /** search: per element, per child. */
  children?: CriterionExplanation[][];
}

/** Everything a criterion needs besides its subject; shared by the interpreter and generated code. */
export interface EvalEnv {
  ruleRef: string;
  triggerInstanceId: string;
  system: Record<string, unknown>;
  /** Template context for patterns of top-level criteria (built lazily, once per event). */
  templateContext(root: 'trigger' | 'item', subject: unknown): PatternContext;
  failures: string[];
  explain?: CriterionExplanation[];
}

export function exceptionText(e: unknown): string {
  if (e instanceof PyError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** st2's failure reason of a criterion (before the `Failed to match rule ...` prefix). */
export function failureReason(kind: FailureKind, c: CriterionIR, ruleRef: string): string {
  if (kind === 'render') return `Failed to render pattern value "${pyStr(c.rawPattern ?? null)}" for key "${c.key}"`;
  if (kind === 'key') return `Failed transforming criteria key ${c.key}`;
  return `There might be a problem with the criteria in rule ${ruleRef}`;
}

/** The record text st2 stores on the failed rule enforcement. */
export function recordFailure(env: EvalEnv, kind: FailureKind, c: CriterionIR, e: unknown): void {
  env.failures.push(
    `Failed to match rule "${env.ruleRef}" against trigger instance "${env.triggerInstanceId}": ${failureReason(kind, c, env.ruleRef)}: ${exceptionText(e)}`,
  );
}

/** Builds the template context of patterns: st2kv.system and the legacy `system` see the datastore. */
export function makeTemplateContext(
  system: Record<string, unknown>,
): (root: 'trigger' | 'item', subject: unknown) => PatternContext {
  const scope = new DatastoreScope(system);
  const st2kv = { system: scope };
  return (root, subject) => ({ [root]: subject ?? null, st2kv, system: scope });
}

/** Renders a pattern; throws what the template throws. */
export function renderPattern(c: CriterionIR, env: EvalEnv, root: 'trigger' | 'item', subject: unknown): unknown {
  const p = c.pattern;
  if (p.kind === 'constant') return p.value;
  if (p.kind === 'broken') throw new PyError(p.pyClass, p.message);
  return p.render(env.templateContext(root, subject));
}

/** One criterion against a subject (the payload, or a search element), exactly as st2's _check_criterion. */
export function evaluateCriterion(
  c: CriterionIR,
  root: 'trigger' | 'item',
  subject: unknown,
  env: EvalEnv,
  explainInto?: CriterionExplanation[],
): boolean {
  const note = (x: Omit<CriterionExplanation, 'key' | 'operator' | 'location'>): void => {
    explainInto?.push({ key: c.key, operator: c.type, location: c.location, ...x });
  };
  if (c.type === undefined) {
    note({ result: false, error: 'no operator (type) given' });
    return false;
  }
  let pattern: unknown;
  try {
    pattern = c.isSearch ? c.rawPattern : renderPattern(c, env, root, subject);
  } catch (e) {
    recordFailure(env, 'render', c, e);
    note({ result: false, error: `${failureReason('render', c, env.ruleRef)}: ${exceptionText(e)}` });
    return false;
  }
  if (c.keyPath.kind === 'broken') {
    const e = new PyError('JsonPathLexerError', c.keyPath.message);
    recordFailure(env, 'key', c, e);
    note({ pattern, result: false, error: `${failureReason('key', c, env.ruleRef)}: ${e.message}` });
    return false;
  }
  let value: unknown;
  try {
    value = resolveKeyPath(
      c.keyPath.path,
      root === 'trigger'
        ? { trigger: subject ?? null, system: env.system }
        : { item: subject ?? null, system: env.system },
    );
  } catch (e) {
    // A `..` over a pathologically deep payload can exhaust the stack: st2 records the lookup failure.
    recordFailure(env, 'key', c, e);
    note({ pattern, result: false, error: `${failureReason('key', c, env.ruleRef)}: ${exceptionText(e)}` });
    return false;
  }
  const op = c.operator;
  try {
    if (!op) throw new Error(`Invalid operator: ${c.type.toLowerCase()}`);
    let result: boolean;
    let children: CriterionExplanation[][] | undefined;
    if (c.isSearch) {
      const kids = c.children;
      children = explainInto ? [] : undefined;
      result = search(value, kids ? kids.length : 0, c.condition, (i, item) => {
        if (!kids)
          throw new PyError(
            'AttributeError',
            `'${typeof pattern === 'string' ? 'str' : 'object'}' object has no attribute 'items'`,
          );
        let row = children?.[children.length - 1];
        if (children && i === 0) children.push((row = []));
        return evaluateCriterion(kids[i]!, 'item', item, env, row);
      });
      if (!kids && explainInto) children = undefined;
    } else if (op.noneGuard && (pattern === null || pattern === undefined)) result = false;
    else result = op.interpret(value, pattern);
    note({ value, pattern, result, children });
    return result;
  } catch (e) {
    recordFailure(env, 'operator', c, e);
    note({ value, pattern, result: false, error: `${failureReason('operator', c, env.ruleRef)}: ${exceptionText(e)}` });
    return false;
  }
}
