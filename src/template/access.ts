// Attribute, item and slice access as Jinja's sandbox does it, restricted to own properties of plain
// data and to the method allow-list: no prototype, constructor or JavaScript method is ever reachable.
import { PyError, PyFloat, isDict, numericValue } from '../python/index.ts';
import { Undefined, undefinedAttr, undefinedItem, use } from './undefined.ts';
import { lookupMethod, BoundMethod } from './methods.ts';
import { DatastoreScope } from './datastore.ts';

/** `obj.name`: a Python attribute (allowed method) first, then the item, as Jinja's getattr. */
export function getattr(obj0: unknown, name: string): unknown {
  const obj = use(obj0);
  if (obj instanceof DatastoreScope) return obj.get(name);
  const m = lookupMethod(obj, name);
  if (m) return m;
  if (isDict(obj) && Object.hasOwn(obj, name)) return obj[name];
  return undefinedAttr(obj, name);
}

function index(len: number, key: unknown): number | undefined {
  if (typeof key !== 'boolean' && !(typeof key === 'number' && Number.isInteger(key))) return undefined;
  let i = numericValue(key) ?? 0;
  if (i < 0) i += len;
  return i >= 0 && i < len ? i : undefined;
}

/** `obj[key]`: the item first, then (string keys) the attribute, as Jinja's getitem. */
export function getitem(obj0: unknown, key0: unknown): unknown {
  const obj = use(obj0);
  const key = use(key0);
  if (obj instanceof DatastoreScope && typeof key === 'string') return obj.get(key);
  if (isDict(obj)) {
    if (typeof key === 'string' && Object.hasOwn(obj, key)) return obj[key];
    if (key !== null && typeof key === 'object' && !(key instanceof PyFloat))
      throw new PyError('TypeError', "unhashable type: 'list'");
  } else if (Array.isArray(obj) || typeof obj === 'string') {
    const i = index(obj.length, key);
    if (i !== undefined) return obj[i];
  }
  if (typeof key === 'string') {
    const m = lookupMethod(obj, key);
    if (m) return m;
  }
  return undefinedItem(obj, key);
}

function sliceIndex(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v))) return numericValue(v);
  throw new PyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

/** `obj[lower:upper:step]` on lists and strings. */
export function slice(obj0: unknown, lower: unknown, upper: unknown, step: unknown): unknown {
  const obj = use(obj0);
  if (!Array.isArray(obj) && typeof obj !== 'string')
    throw new PyError('TypeError', `'${isDict(obj) ? 'dict' : typeof obj}' object is not subscriptable`);
  const chars = typeof obj === 'string' ? Array.from({ length: obj.length }, (_, i) => obj[i] ?? '') : obj;
  const len = chars.length;
  const st = sliceIndex(use(step)) ?? 1;
  if (st === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const norm = (v: number | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === undefined) return dflt;
    const x = v < 0 ? v + len : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = norm(sliceIndex(use(lower)), 0, 0, len);
    const b = norm(sliceIndex(use(upper)), len, 0, len);
    for (let i = a; i < b; i += st) out.push(chars[i]);
  } else {
    const a = norm(sliceIndex(use(lower)), len - 1, -1, len - 1);
    const b = norm(sliceIndex(use(upper)), -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(chars[i]);
  }
  return typeof obj === 'string' ? out.join('') : out;
}

export { Undefined, BoundMethod };
