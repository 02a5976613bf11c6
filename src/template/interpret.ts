// The reference tree-walking interpreter of the template AST: the benchmark baseline and the test
// oracle for the generated code. Same runtime helpers, no code generation.
import { PyError, isDict, pyTuple, setOwn } from '../python/index.ts';
import type { Expr, Stmt } from './ast.ts';
import { getattr, getitem, slice } from './access.ts';
import { binop, compare, toText, truthy, unary } from './ops.ts';
import { callValue } from './methods.ts';
import { applyFilter, globals } from './env.ts';
import { runTest } from './tests.ts';
import { undefinedName, use } from './undefined.ts';
import { iterate } from './filters/helpers.ts';
import { MAX_ITERATIONS, MAX_OUTPUT, outputTooLarge, tooManyIterations } from './limits.ts';

type Scope = Map<string, unknown>;

interface State {
  context: Readonly<Record<string, unknown>>;
  scopes: Scope[];
  iterations: number;
}

function lookup(st: State, name: string): unknown {
  for (let i = st.scopes.length - 1; i >= 0; i--) {
    const s = st.scopes[i];
    if (s?.has(name)) return s.get(name);
  }
  if (Object.hasOwn(st.context, name)) return st.context[name];
  return undefinedName(name);
}

function kwargsOf(st: State, kw: Array<{ name: string; value: Expr }>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of kw) out[k.name] = evalExpr(st, k.value);
  return out;
}

export function evalExpr(st: State, e: Expr): unknown {
  switch (e.type) {
    case 'const':
      return e.value;
    case 'name':
      return lookup(st, e.name);
    case 'getattr':
      return getattr(evalExpr(st, e.obj), e.attr);
    case 'getitem':
      return getitem(evalExpr(st, e.obj), evalExpr(st, e.index));
    case 'slice':
      return slice(
        evalExpr(st, e.obj),
        e.lower ? evalExpr(st, e.lower) : null,
        e.upper ? evalExpr(st, e.upper) : null,
        e.step ? evalExpr(st, e.step) : null,
      );
    case 'call': {
      const args = e.args.map((a) => evalExpr(st, a));
      const kwargs = kwargsOf(st, e.kwargs);
      if (
        e.callee.type === 'name' &&
        !st.scopes.some((s) => s.has(e.callee.type === 'name' ? e.callee.name : '')) &&
        !Object.hasOwn(st.context, e.callee.name) &&
        Object.hasOwn(globals, e.callee.name)
      ) {
        return globals[e.callee.name]?.(args, kwargs);
      }
      return callValue(evalExpr(st, e.callee), args, kwargs);
    }
    case 'filter':
      return applyFilter(
        e.name,
        evalExpr(st, e.node),
        e.args.map((a) => evalExpr(st, a)),
        kwargsOf(st, e.kwargs),
      );
    case 'test': {
      const r = runTest(
        e.name,
        evalExpr(st, e.node),
        e.args.map((a) => evalExpr(st, a)),
      );
      return e.negated ? !r : r;
    }
    case 'binop':
      return binop(e.op, evalExpr(st, e.left), evalExpr(st, e.right));
    case 'unary':
      return unary(e.op, evalExpr(st, e.operand));
    case 'not':
      return !truthy(evalExpr(st, e.operand));
    case 'and': {
      const l = evalExpr(st, e.left);
      return truthy(l) ? evalExpr(st, e.right) : l;
    }
    case 'or': {
      const l = evalExpr(st, e.left);
      return truthy(l) ? l : evalExpr(st, e.right);
    }
    case 'compare': {
      let left = evalExpr(st, e.first);
      for (const { op, expr } of e.ops) {
        const right = evalExpr(st, expr);
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'cond':
      if (truthy(evalExpr(st, e.test))) return evalExpr(st, e.then);
      return e.else ? evalExpr(st, e.else) : '';
    case 'list':
      return e.items.map((i) => use(evalExpr(st, i)));
    case 'tuple':
      return pyTuple(e.items.map((i) => use(evalExpr(st, i))));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const p of e.pairs) {
        const k = use(evalExpr(st, p.key));
        if (typeof k !== 'string') throw new PyError('TypeError', 'only string keys are supported in dict literals');
        setOwn(out, k, use(evalExpr(st, p.value)));
      }
      return out;
    }
  }
}

function assign(scope: Scope, targets: string[], value: unknown): void {
  if (targets.length === 1) {
    scope.set(targets[0] ?? '', value);
    return;
  }
  const items = iterate(value);
  if (items.length !== targets.length)
    throw new PyError('ValueError', `not enough values to unpack (expected ${targets.length}, got ${items.length})`);
  targets.forEach((t, i) => scope.set(t, items[i]));
}

function run(st: State, body: Stmt[], out: string[]): void {
  for (const s of body) {
    switch (s.type) {
      case 'text':
        out.push(s.text);
        break;
      case 'output':
        out.push(toText(evalExpr(st, s.expr)));
        break;
      case 'set':
        assign(st.scopes[st.scopes.length - 1] ?? new Map<string, unknown>(), s.targets, use(evalExpr(st, s.expr)));
        break;
      case 'if': {
        const branch = s.branches.find((b) => truthy(evalExpr(st, b.test)));
        if (branch) run(st, branch.body, out);
        else if (s.else) run(st, s.else, out);
        break;
      }
      case 'for': {
        let items = iterate(evalExpr(st, s.iter));
        if (s.filter) {
          const f = s.filter;
          items = items.filter((item) => {
            const scope: Scope = new Map();
            assign(scope, s.targets, item);
            st.scopes.push(scope);
            try {
              return truthy(evalExpr(st, f));
            } finally {
              st.scopes.pop();
            }
          });
        }
        if (items.length === 0) {
          if (s.else) run(st, s.else, out);
          break;
        }
        const n = items.length;
        for (let i = 0; i < n; i++) {
          if (++st.iterations > MAX_ITERATIONS) tooManyIterations();
          const scope: Scope = new Map();
          scope.set('loop', {
            index: i + 1,
            index0: i,
            revindex: n - i,
            revindex0: n - i - 1,
            first: i === 0,
            last: i === n - 1,
            length: n,
            previtem: i > 0 ? items[i - 1] : undefined,
            nextitem: i < n - 1 ? items[i + 1] : undefined,
          });
          assign(scope, s.targets, items[i]);
          st.scopes.push(scope);
          try {
            run(st, s.body, out);
          } finally {
            st.scopes.pop();
          }
          if (out.length > 64 && out.join('').length > MAX_OUTPUT) outputTooLarge();
        }
        break;
      }
    }
  }
}

/** Renders the statements with the given context by walking the tree. */
export function interpret(body: Stmt[], context: Readonly<Record<string, unknown>>): string {
  const out: string[] = [];
  run({ context, scopes: [new Map<string, unknown>()], iterations: 0 }, body, out);
  const text = out.join('');
  if (text.length > MAX_OUTPUT) outputTooLarge();
  return text;
}

export { isDict };
