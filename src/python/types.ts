// Python type names of JSON-like JS values.
import { PyFloat } from './float.ts';
import { isPyTuple } from './tuple.ts';

export type PyTypeName = 'str' | 'int' | 'float' | 'bool' | 'NoneType' | 'list' | 'tuple' | 'dict';

/** A class whose instances stand for a Python object of another type names it under this key. */
export const PY_TYPE: unique symbol = Symbol('pyType');

/** True for a plain data object (a Python dict): not an array, not a class instance. */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof PyFloat) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Python's `type(v).__name__`: `pyTypeName(1)` = 'int', `pyTypeName(1.5)` = 'float', `pyTypeName(null)` = 'NoneType'. */
export function pyTypeName(v: unknown): PyTypeName | (string & {}) {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (isPyTuple(v)) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object' && PY_TYPE in v) return String(v[PY_TYPE]);
  return 'dict';
}

/** Sets an own data property, also for the key `__proto__` (plain assignment would change the prototype). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
