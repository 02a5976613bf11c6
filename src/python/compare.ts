// Python equality and ordering over JSON-like values.
import { PyError } from './errors.ts';
import { PyFloat, numericValue } from './float.ts';
import { isDict, pyTypeName } from './types.ts';

function isNumberLike(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

/** Python `==`: `1 == 1.0 == True`, deep list/dict equality, `"1" != 1`, `None == None`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isNumberLike(a) && isNumberLike(b)) return numericValue(a) === numericValue(b);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !pyEquals(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function compareCodePoints(a: string, b: string): number {
  // JS `<` compares UTF-16 units; Python compares code points (differs past the BMP).
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Python ordering: -1, 0 or 1 for `a` vs `b`. Numbers (bools included), strings by code point, lists
 * element-wise. Other combinations raise TypeError as Python does: `pyCompare('a', 1)` throws
 * "'<' not supported between instances of 'str' and 'int'".
 */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  if (isNumberLike(a) && isNumberLike(b)) {
    const x = numericValue(a) ?? 0;
    const y = numericValue(b) ?? 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  throw new PyError(
    'TypeError',
    `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}
