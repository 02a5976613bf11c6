// Jinja tests (`x is defined`, `x is number`...): name -> predicate. Undefined input raises except for
// defined/undefined, as under StrictUndefined.
import {
  PyError,
  pyTypeName,
  PyFloat,
  isDict,
  numericValue,
  pyCompare,
  pyEquals,
  pyLower,
  pyUpper,
} from '../python/index.ts';
import { Undefined, use } from './undefined.ts';
import { contains, toText } from './ops.ts';
import { BoundMethod } from './methods.ts';
import { filters } from './filters/index.ts';

export interface TestDef {
  acceptsUndefined?: boolean;
  run(value: unknown, args: unknown[]): boolean;
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
function num(v: unknown): number {
  const n = numericValue(v);
  if (n === undefined)
    throw new PyError('TypeError', `unsupported operand type(s) for %: '${pyTypeName(v)}' and 'int'`);
  return n;
}
const isNumber = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;

const defs: Record<string, TestDef> = {
  defined: { acceptsUndefined: true, run: (v) => !(v instanceof Undefined) },
  undefined: { acceptsUndefined: true, run: (v) => v instanceof Undefined },
  none: { run: (v) => v === null },
  string: { run: (v) => typeof v === 'string' },
  number: { run: isNumber },
  integer: { run: isInt },
  float: { run: (v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)) },
  boolean: { run: (v) => typeof v === 'boolean' },
  true: { run: (v) => v === true },
  false: { run: (v) => v === false },
  mapping: { run: (v) => isDict(v) },
  iterable: { run: (v) => typeof v === 'string' || Array.isArray(v) || isDict(v) },
  sequence: { run: (v) => typeof v === 'string' || Array.isArray(v) || isDict(v) },
  callable: { run: (v) => v instanceof BoundMethod },
  odd: { run: (v) => num(v) % 2 === 1 },
  even: { run: (v) => num(v) % 2 === 0 },
  divisibleby: { run: (v, a) => num(v) % num(a[0]) === 0 },
  lower: {
    run: (v) => {
      const s = toText(v);
      return /\p{Ll}/u.test(s) && pyLower(s) === s;
    },
  },
  upper: {
    run: (v) => {
      const s = toText(v);
      return /\p{Lu}/u.test(s) && pyUpper(s) === s;
    },
  },
  eq: { run: (v, a) => pyEquals(v, a[0]) },
  ne: { run: (v, a) => !pyEquals(v, a[0]) },
  lt: { run: (v, a) => pyCompare(v, a[0], '<') < 0 },
  le: { run: (v, a) => pyCompare(v, a[0], '<=') <= 0 },
  gt: { run: (v, a) => pyCompare(v, a[0], '>') > 0 },
  ge: { run: (v, a) => pyCompare(v, a[0], '>=') >= 0 },
  in: { run: (v, a) => contains(a[0], v) },
  sameas: { run: (v, a) => v === a[0] || (v === null && a[0] === null) },
  filter: { run: (v) => typeof v === 'string' && filters.has(v) },
  test: { run: (v) => typeof v === 'string' && Object.hasOwn(tests, v) },
};
const aliases: Record<string, string> = {
  '==': 'eq',
  equalto: 'eq',
  '!=': 'ne',
  '<': 'lt',
  lessthan: 'lt',
  '<=': 'le',
  '>': 'gt',
  greaterthan: 'gt',
  '>=': 'ge',
  escaped: 'false',
};

/** The test registry (aliases included). */
export const tests: Readonly<Record<string, TestDef>> = Object.assign(
  Object.create(null) as Record<string, TestDef>,
  defs,
  Object.fromEntries(Object.entries(aliases).map(([a, t]) => [a, defs[t] as TestDef])),
);
export const testNames: readonly string[] = Object.keys(tests).sort();

/** Runs test `name` on `value`. */
export function runTest(name: string, value: unknown, args: unknown[]): boolean {
  const def = tests[name];
  if (!def) throw new Error(`unknown test ${name}`);
  return def.run(
    def.acceptsUndefined ? value : use(value),
    args.map((a) => use(a)),
  );
}
