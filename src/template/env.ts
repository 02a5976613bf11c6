// The runtime the interpreter and the generated code share: filter and test dispatch, globals.
import { PyError, isDict, numericValue, pyTypeName, setOwn } from '../python/index.ts';
import { filters } from './filters/index.ts';
import type { FilterDef, FilterEnv } from './filters/index.ts';
import { runTest } from './tests.ts';
import { Undefined, use } from './undefined.ts';
import { MAX_RANGE } from './limits.ts';

const NO_KWARGS: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** Applies a resolved filter with positional arguments only (the common case, kept cheap). */
export function applyFilterDef(def: FilterDef, value: unknown, args: unknown[]): unknown {
  if (value instanceof Undefined && !def.acceptsUndefined) use(value);
  for (let i = 0; i < args.length; i++) if (args[i] instanceof Undefined && !def.acceptsUndefined) use(args[i]);
  if (args.length > def.params.length && !def.variadic) {
    throw new PyError(
      'TypeError',
      `${def.name}() takes ${def.params.length + 1} positional arguments but ${args.length + 1} were given`,
    );
  }
  return def.apply(value, args, filterEnv, NO_KWARGS);
}

/** Applies filter `name` with positional and keyword arguments. */
export function applyFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const def = filters.get(name);
  if (!def) throw new PyError('TemplateAssertionError', `No filter named '${name}'.`);
  return applyFilterWith(def, value, args, kwargs);
}

/** Applies a resolved filter with keyword arguments mapped onto its parameters. */
export function applyFilterWith(
  def: FilterDef,
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
): unknown {
  const name = def.name;
  const input = def.acceptsUndefined ? value : use(value);
  const positional = args.map((a) => (def.acceptsUndefined ? a : use(a)));
  const extra: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(kwargs)) {
    const v = use(kwargs[key]);
    const i = def.params.indexOf(key);
    if (i >= 0) {
      if (positional[i] !== undefined)
        throw new PyError('TypeError', `${name}() got multiple values for argument '${key}'`);
      while (positional.length < i) positional.push(undefined);
      positional[i] = v;
    } else if (def.params.includes('*')) extra[key] = v;
    else throw new PyError('TypeError', `${name}() got an unexpected keyword argument '${key}'`);
  }
  if (!def.params.includes('*') && positional.length > def.params.length) {
    throw new PyError(
      'TypeError',
      `${name}() takes ${def.params.length + 1} positional arguments but ${positional.length + 1} were given`,
    );
  }
  return def.apply(input, positional, filterEnv, extra);
}

export const filterEnv: FilterEnv = {
  callFilter: applyFilter,
  callTest: (name, value, args) => runTest(name, value, args),
};

/** The globals StackStorm templates use: range() and dict(). */
export const globals: Readonly<Record<string, (args: unknown[], kwargs: Record<string, unknown>) => unknown>> = {
  range(args) {
    const n = args.map((a) => {
      const v = use(a);
      if (typeof v !== 'boolean' && !(typeof v === 'number' && Number.isInteger(v)))
        throw new PyError('TypeError', `'${pyTypeName(v)}' object cannot be interpreted as an integer`);
      return numericValue(v) ?? 0;
    });
    const [start, stop, step] = n.length === 1 ? [0, n[0] ?? 0, 1] : [n[0] ?? 0, n[1] ?? 0, n[2] ?? 1];
    if (step === 0) throw new PyError('ValueError', 'range() arg 3 must not be zero');
    const count = Math.max(0, Math.ceil((stop - start) / step));
    if (count > MAX_RANGE)
      throw new PyError(
        'OverflowError',
        `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`,
      );
    return Array.from({ length: count }, (_, i) => start + i * step);
  },
  dict(args, kwargs) {
    const out: Record<string, unknown> = {};
    const src = args[0] === undefined ? undefined : use(args[0]);
    if (isDict(src)) for (const k of Object.keys(src)) setOwn(out, k, src[k]);
    else if (Array.isArray(src))
      for (const p of src) if (Array.isArray(p) && typeof p[0] === 'string') setOwn(out, p[0], p[1]);
    for (const k of Object.keys(kwargs)) setOwn(out, k, use(kwargs[k]));
    return out;
  },
};

export { Undefined };
