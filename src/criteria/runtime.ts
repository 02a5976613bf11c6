// The helpers generated matchers call (`rt.*`): Python semantics that are not worth inlining.
import { pyEquals, PyError } from '../python/index.ts';
import type { CriterionIR } from './ir.ts';
import type { EvalEnv } from './evaluate.ts';
import { evaluateCriterion } from './evaluate.ts';
import { operatorsByCanonical, search } from './operators/index.ts';
import { affix, lower, pyIn } from './python-ops.ts';
import type { KeyPath } from './key-path.ts';
import { resolveKeyPath } from './key-path.ts';

/** Own property of a dict, else undefined (lists, strings, null have no fields). */
function f(o: unknown, k: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k)
    ? (o as Record<string, unknown>)[k]
    : undefined;
}

/** Element of a list or character of a string at a non-negative index, else undefined. */
function i(o: unknown, n: number): unknown {
  return (Array.isArray(o) || typeof o === 'string') && n < o.length ? (o as ArrayLike<unknown>)[n] : undefined;
}

function resolve(path: KeyPath, root: 'trigger' | 'item', subject: unknown, system: Record<string, unknown>): unknown {
  return resolveKeyPath(
    path,
    root === 'trigger' ? { trigger: subject ?? null, system } : { item: subject ?? null, system },
  );
}

function runSearch(value: unknown, c: CriterionIR, env: EvalEnv): boolean {
  const kids = c.children;
  return search(value, kids ? kids.length : 0, c.condition, (n, item) => {
    if (!kids) throw new PyError('AttributeError', "'str' object has no attribute 'items'");
    return evaluateCriterion(kids[n]!, 'item', item, env);
  });
}

export const runtime = {
  f,
  i,
  resolve,
  pyEquals,
  pyIn,
  lower,
  affix,
  op: operatorsByCanonical,
  search: runSearch,
  PyError,
};
export type Runtime = typeof runtime;
