// Taint of template outputs: which outputs carry trigger data (directly, or through other action parameters),
// and whether every such piece went through `shell_quote` last. Used by the shell-quoting check.
import type { Expr, Stmt } from '../template/index.ts';

/** Where trigger data enters: an output of a rule parameter (or of an action default) that reads `trigger`. */
export interface Origin {
  /** Parameter whose template reads `trigger` (the first step of the flow). */
  param: string;
  /** JSON pointer of the value holding the output (rule parameters) or undefined (an action's default). */
  pointer: string | undefined;
  start: number;
  end: number;
  /** The output's text, e.g. `{{ trigger.body.name }}`. */
  text: string;
  /** Parameters the data went through after `param`, in order. */
  path: string[];
}

/** `raw`: trigger data as sent; `quoted`: only through `shell_quote` as the last filter (one plain word). */
export interface Taint {
  level: 'raw' | 'quoted';
  origins: Origin[];
}

/** Marks "this template reads trigger itself"; replaced by the output's own span when outputs are collected. */
export const HERE: Origin = { param: '', pointer: undefined, start: -1, end: -1, text: '', path: [] };

/** Filters whose result is a number whatever their input: safe unless an argument (a default) is tainted. */
const NUMERIC = new Set(['int', 'float', 'length', 'count', 'abs', 'round', 'wordcount']);

export function merge(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a) return b;
  if (!b) return a;
  const origins = [...a.origins];
  for (const o of b.origins) if (!origins.includes(o)) origins.push(o);
  return { level: a.level === 'raw' || b.level === 'raw' ? 'raw' : 'quoted', origins };
}

const raw = (t: Taint | undefined): Taint | undefined => (t ? { level: 'raw', origins: t.origins } : undefined);

function argsTaint(args: readonly Expr[], kwargs: ReadonlyArray<{ value: Expr }>, env: TaintEnv): Taint | undefined {
  let t: Taint | undefined;
  for (const a of args) t = merge(t, exprTaint(a, env));
  for (const k of kwargs) t = merge(t, exprTaint(k.value, env));
  return t;
}

/** Names in scope: `trigger`, the other parameters, `set` and loop variables. */
export interface TaintEnv {
  get(name: string): Taint | undefined;
}

/** The taint of an expression's value. */
export function exprTaint(e: Expr, env: TaintEnv): Taint | undefined {
  switch (e.type) {
    case 'const':
      return undefined;
    case 'name':
      return env.get(e.name);
    case 'filter': {
      const args = argsTaint(e.args, e.kwargs, env);
      if (e.name === 'shell_quote') {
        const t = merge(exprTaint(e.node, env), args);
        return t ? { level: 'quoted', origins: t.origins } : undefined;
      }
      // `int(trigger.body.default)` returns the default when the value is not a number.
      if (NUMERIC.has(e.name)) return raw(args);
      return raw(merge(exprTaint(e.node, env), args));
    }
    // Booleans print as True/False whatever they test.
    case 'test':
    case 'compare':
    case 'not':
      return undefined;
    // `a if c else b`, `a or b`: the value is one of the operands, as it is.
    case 'cond':
      return merge(exprTaint(e.then, env), e.else ? exprTaint(e.else, env) : undefined);
    case 'and':
    case 'or':
      return merge(exprTaint(e.left, env), exprTaint(e.right, env));
    default:
      return raw(children(e).reduce<Taint | undefined>((t, c) => merge(t, exprTaint(c, env)), undefined));
  }
}

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'getattr':
      return [e.obj];
    case 'getitem':
      return [e.obj, e.index];
    case 'slice':
      return [e.obj, e.lower, e.upper, e.step].filter((x): x is Expr => x !== undefined);
    case 'call':
      return [e.callee, ...e.args, ...e.kwargs.map((k) => k.value)];
    case 'binop':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'list':
    case 'tuple':
      return e.items;
    case 'dict':
      return e.pairs.flatMap((p) => [p.key, p.value]);
    default:
      return [];
  }
}

export interface TaintedOutput {
  start: number;
  end: number;
  taint: Taint;
}

/** Every output of a template body whose value carries taint, with `set` and `for` followed. */
export function taintedOutputs(body: readonly Stmt[], env: TaintEnv): TaintedOutput[] {
  const found: TaintedOutput[] = [];
  // Locals shadow the environment; a local set to untainted data hides a tainted parameter of that name.
  const scoped = (locals: Map<string, Taint | undefined>): TaintEnv => ({
    get: (name) => (locals.has(name) ? locals.get(name) : env.get(name)),
  });
  const walk = (stmts: readonly Stmt[], locals: Map<string, Taint | undefined>): void => {
    const scope = scoped(locals);
    for (const s of stmts) {
      switch (s.type) {
        case 'text':
          break;
        case 'output': {
          const taint = exprTaint(s.expr, scope);
          if (taint) found.push({ start: s.start, end: s.end, taint });
          break;
        }
        case 'set': {
          const taint = exprTaint(s.expr, scope);
          for (const t of s.targets) locals.set(t, taint);
          break;
        }
        case 'if':
          for (const b of s.branches) walk(b.body, locals);
          if (s.else) walk(s.else, locals);
          break;
        case 'for': {
          // Loop variables over tainted data carry it (iterating even a quoted string yields its characters).
          const inner = new Map(locals);
          const taint = raw(exprTaint(s.iter, scope));
          for (const t of s.targets) inner.set(t, taint);
          walk(s.body, inner);
          if (s.else) walk(s.else, locals);
          break;
        }
      }
    }
  };
  walk(body, new Map());
  return found;
}
