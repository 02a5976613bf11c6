// What generated template code calls: one object passed in as `rt`, so the code names nothing global.
import { PyError, isDict, pyTuple, setOwn } from '../python/index.ts';
import { getattr, getitem, slice } from './access.ts';
import { binop, compare, toText, truthy, unary } from './ops.ts';
import { callValue } from './methods.ts';
import { applyFilter, applyFilterDef, applyFilterWith, globals } from './env.ts';
import { runTest } from './tests.ts';
import { undefinedName, undefinedAttr, use } from './undefined.ts';
import { iterate } from './filters/helpers.ts';
import { MAX_ITERATIONS, MAX_OUTPUT, outputTooLarge, tooManyIterations } from './limits.ts';

export const runtime = {
  isDict,
  tuple: pyTuple,
  use,
  getattr,
  getitem,
  slice,
  binop,
  unary,
  compare,
  truthy,
  toText,
  iterate,
  filter: applyFilter,
  filterDef: applyFilterDef,
  filterWith: applyFilterWith,
  globals,
  call: callValue,
  undefinedName,
  undefinedAttr,
  test: runTest,
  ctx(ctx: Readonly<Record<string, unknown>>, name: string): unknown {
    return Object.hasOwn(ctx, name) ? ctx[name] : undefinedName(name);
  },
  dict(pairs: Array<[unknown, unknown]>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) {
      const key = use(k);
      if (typeof key !== 'string') throw new PyError('TypeError', 'only string keys are supported in dict literals');
      setOwn(out, key, use(v));
    }
    return out;
  },
  unpack(value: unknown, n: number): unknown[] {
    const items = iterate(value);
    if (items.length !== n)
      throw new PyError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
    return items;
  },
  loop(items: unknown[], i: number): Record<string, unknown> {
    const n = items.length;
    return {
      index: i + 1,
      index0: i,
      revindex: n - i,
      revindex0: n - i - 1,
      first: i === 0,
      last: i === n - 1,
      length: n,
      previtem: i > 0 ? items[i - 1] : undefined,
      nextitem: i < n - 1 ? items[i + 1] : undefined,
    };
  },
  tick(st: { i: number }, out: string): void {
    if (++st.i > MAX_ITERATIONS) tooManyIterations();
    if (out.length > MAX_OUTPUT) outputTooLarge();
  },
  done(out: string): string {
    if (out.length > MAX_OUTPUT) outputTooLarge();
    return out;
  },
  // Jinja 3.1 yields its default (lenient) Undefined here, which prints as ''.
  noElse(): string {
    return '';
  },
};

export type Runtime = typeof runtime;
