// Python truthiness and str.lower.
import { PyFloat } from './float.ts';

/** Python `bool(v)`: empty str/list/dict, 0, None are false; NaN is true as in Python. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Python `str.lower()` (full Unicode lower-casing, not casefold: 'ß' stays 'ß'). */
export function pyLower(s: string): string {
  return s.toLowerCase();
}

/** Python `str.upper()`. */
export function pyUpper(s: string): string {
  return s.toUpperCase();
}
