// Compile-time checks of a template AST: unknown filters and tests, names outside the context, and
// what the template reads (dotted paths from context names, for the criteria index and lint).
import type { LocalDiagnostic } from '../diagnostics/index.ts';
import { suggest } from '../diagnostics/index.ts';
import type { Expr, Stmt } from './ast.ts';
import { filters, filterNames } from './filters/index.ts';
import { tests, testNames } from './tests.ts';
import { globals } from './env.ts';

/** Dotted path of `trigger.body.key1`-style expressions (attribute and constant string/int items). */
export function pathOf(e: Expr): string | undefined {
  if (e.type === 'name') return e.name;
  if (e.type === 'getattr') {
    const p = pathOf(e.obj);
    return p === undefined ? undefined : `${p}.${e.attr}`;
  }
  if (
    e.type === 'getitem' &&
    e.index.type === 'const' &&
    (typeof e.index.value === 'string' || typeof e.index.value === 'number')
  ) {
    const p = pathOf(e.obj);
    return p === undefined ? undefined : `${p}.${String(e.index.value)}`;
  }
  return undefined;
}

export function checkTemplate(
  body: Stmt[],
  names: readonly string[] | undefined,
): { diagnostics: LocalDiagnostic[]; reads: string[] } {
  const diagnostics: LocalDiagnostic[] = [];
  const reads = new Set<string>();
  const locals: Array<Set<string>> = [new Set()];
  const isLocal = (n: string): boolean => locals.some((s) => s.has(n));

  const expr = (e: Expr): void => {
    switch (e.type) {
      case 'name': {
        if (!isLocal(e.name)) {
          if (names && !names.includes(e.name) && !Object.hasOwn(globals, e.name)) {
            const hint = suggest(e.name, names);
            diagnostics.push({
              code: 'RULES_E_TEMPLATE_UNKNOWN_NAME',
              message: `'${e.name}' is undefined: the template context has ${names.map((n) => `'${n}'`).join(', ')}`,
              hint: hint ? `did you mean '${hint}'?` : undefined,
              start: e.start,
              end: e.end,
            });
          } else if (!Object.hasOwn(globals, e.name)) reads.add(e.name);
        }
        return;
      }
      case 'getattr':
      case 'getitem': {
        const p = pathOf(e);
        const root = p?.split('.')[0];
        if (
          p !== undefined &&
          root !== undefined &&
          !isLocal(root) &&
          (!names || names.includes(root)) &&
          !Object.hasOwn(globals, root)
        ) {
          reads.add(p);
          return;
        }
        expr(e.obj);
        if (e.type === 'getitem') expr(e.index);
        return;
      }
      case 'slice':
        expr(e.obj);
        if (e.lower) expr(e.lower);
        if (e.upper) expr(e.upper);
        if (e.step) expr(e.step);
        return;
      case 'call':
        expr(e.callee);
        e.args.forEach(expr);
        e.kwargs.forEach((k) => expr(k.value));
        return;
      case 'filter':
        if (!filters.has(e.name)) {
          const hint = suggest(e.name, filterNames);
          diagnostics.push({
            code: 'RULES_E_TEMPLATE_UNKNOWN_FILTER',
            message: `No filter named '${e.name}'.`,
            hint: hint ? `did you mean '${hint}'?` : undefined,
            start: e.node.end,
            end: e.end,
          });
        }
        expr(e.node);
        e.args.forEach(expr);
        e.kwargs.forEach((k) => expr(k.value));
        return;
      case 'test':
        if (!Object.hasOwn(tests, e.name)) {
          const hint = suggest(e.name, testNames);
          diagnostics.push({
            code: 'RULES_E_TEMPLATE_UNKNOWN_TEST',
            message: `No test named '${e.name}'.`,
            hint: hint ? `did you mean '${hint}'?` : undefined,
            start: e.node.end,
            end: e.end,
          });
        }
        expr(e.node);
        e.args.forEach(expr);
        return;
      case 'binop':
      case 'and':
      case 'or':
        expr(e.left);
        expr(e.right);
        return;
      case 'unary':
      case 'not':
        expr(e.operand);
        return;
      case 'compare':
        expr(e.first);
        e.ops.forEach((o) => expr(o.expr));
        return;
      case 'cond':
        expr(e.test);
        expr(e.then);
        if (e.else) expr(e.else);
        return;
      case 'list':
      case 'tuple':
        e.items.forEach(expr);
        return;
      case 'dict':
        e.pairs.forEach((p) => {
          expr(p.key);
          expr(p.value);
        });
        return;
      case 'const':
        return;
    }
  };

  const stmts = (body: Stmt[]): void => {
    for (const s of body) {
      switch (s.type) {
        case 'text':
          break;
        case 'output':
          expr(s.expr);
          break;
        case 'set':
          expr(s.expr);
          s.targets.forEach((t) => locals[locals.length - 1]?.add(t));
          break;
        case 'if':
          s.branches.forEach((b) => {
            expr(b.test);
            stmts(b.body);
          });
          if (s.else) stmts(s.else);
          break;
        case 'for':
          expr(s.iter);
          locals.push(new Set([...s.targets, 'loop']));
          if (s.filter) expr(s.filter);
          stmts(s.body);
          locals.pop();
          if (s.else) stmts(s.else);
          break;
      }
    }
  };
  stmts(body);
  return { diagnostics, reads: [...reads] };
}
