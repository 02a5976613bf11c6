// Shared pieces of the filters: Python len(), iteration, attribute paths.
import { PyError, isDict, numericValue, pyTypeName, pyLower } from '../../python/index.ts';
import { getattr, getitem } from '../access.ts';
import { use } from '../undefined.ts';

export function pyLen(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  throw new PyError('TypeError', `object of type '${pyTypeName(v)}' has no len()`);
}

/** Python iteration: list items, dict keys, string characters. */
export function iterate(v0: unknown): unknown[] {
  const v = use(v0);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from({ length: v.length }, (_, i) => v[i]);
  if (isDict(v)) return Object.keys(v);
  throw new PyError('TypeError', `'${pyTypeName(v)}' object is not iterable`);
}

/** Jinja's make_attrgetter: `a.b.0` walks items/attributes. */
export function attrPath(item: unknown, path: unknown): unknown {
  if (typeof path === 'number') return use(getitem(item, path));
  let v = item;
  for (const part of String(path).split('.')) v = use(/^\d+$/.test(part) ? getitem(v, Number(part)) : getattr(v, part));
  return v;
}

export function int(v: unknown, what = 'value'): number {
  const n = numericValue(v);
  if (n === undefined || !Number.isInteger(n))
    throw new PyError('TypeError', `${what} must be an integer, not ${pyTypeName(v)}`);
  return n;
}

/** Sort key that ignores case of strings unless asked (Jinja's ignore_case). */
export function caseKey(v: unknown, caseSensitive: unknown): unknown {
  return !caseSensitive && typeof v === 'string' ? pyLower(v) : v;
}

export function str(v: unknown): string {
  if (typeof v !== 'string') throw new PyError('TypeError', `expected str, got ${pyTypeName(v)}`);
  return v;
}
