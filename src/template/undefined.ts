// StrictUndefined: a missing name, attribute or item is a value that raises as soon as it is used
// (printed, iterated, compared, tested for truth), except by `is defined` and `default`.
import { PyError, pyRepr, isDict } from '../python/index.ts';

export class Undefined {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Jinja's object_type_repr: 'dict object', 'None', 'str object'. */
export function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return 'str object';
  if (typeof v === 'boolean') return 'bool object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int object' : 'float object';
  if (Array.isArray(v)) return 'list object';
  if (isDict(v)) return 'dict object';
  return 'float object';
}

export function undefinedName(name: string): Undefined {
  return new Undefined(`'${name}' is undefined`);
}
export function undefinedAttr(obj: unknown, name: string): Undefined {
  return new Undefined(`'${objectTypeRepr(obj)}' has no attribute ${pyRepr(name)}`);
}
export function undefinedItem(obj: unknown, key: unknown): Undefined {
  if (typeof key === 'string') return undefinedAttr(obj, key);
  return new Undefined(`'${objectTypeRepr(obj)}' has no element ${pyRepr(key)}`);
}

/** Throws UndefinedError when `v` is undefined; returns `v` otherwise. */
export function use<T>(v: T | Undefined): T {
  if (v instanceof Undefined) throw new PyError('UndefinedError', v.message);
  return v;
}
