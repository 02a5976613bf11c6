// StackStorm's parameter casts (st2common/util/casts.py) applied after rendering, by schema type.
import { PyError, PyFloat, numericValue, pyFloat, pyRepr, pyStr, pyTypeName } from '../python/index.ts';
import { NONE_MAGIC_VALUE } from '../template/index.ts';
import { literalEval } from './literal-eval.ts';

function castObject(x: unknown): unknown {
  if (typeof x !== 'string') return x;
  try {
    return JSON.parse(x) as unknown;
  } catch {
    return literalEval(x);
  }
}

function castInt(x: unknown): unknown {
  if (typeof x === 'string') {
    const s = x.trim().replace(/_/g, '');
    if (/^[-+]?\d+$/.test(s)) return Number(s);
    throw new PyError('ValueError', `invalid literal for int() with base 10: ${pyRepr(x)}`);
  }
  const n = numericValue(x);
  if (n === undefined || x === null)
    throw new PyError(
      'TypeError',
      `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`,
    );
  return Math.trunc(n);
}

function castFloat(x: unknown): unknown {
  if (typeof x === 'string') {
    const s = x.trim().replace(/_/g, '');
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return pyFloat(Number(s));
    throw new PyError('ValueError', `could not convert string to float: ${pyRepr(x)}`);
  }
  const n = numericValue(x);
  if (n === undefined)
    throw new PyError('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(x)}'`);
  return x instanceof PyFloat ? x : pyFloat(n);
}

function castBoolean(x: unknown): unknown {
  if (typeof x !== 'string') return x;
  const v = literalEval(x.charAt(0).toUpperCase() + x.slice(1).toLowerCase());
  return v;
}

function castString(x: unknown): unknown {
  if (x === null || x === undefined) return null;
  if (typeof x !== 'string')
    throw new PyError('ValueError', `Value "${pyStr(x)}" must either be a string or None. Got "${pyTypeName(x)}".`);
  return x;
}

/** Casts one rendered value by its schema type; the use_none marker becomes null first. */
export function castParameter(value: unknown, type: string | undefined): unknown {
  if (value === NONE_MAGIC_VALUE) return null;
  switch (type) {
    case 'integer':
      return castInt(value);
    case 'number':
      return castFloat(value);
    case 'boolean':
      return castBoolean(value);
    case 'object':
    case 'array':
      return castObject(value);
    case 'string':
      return castString(value);
    default:
      return value;
  }
}
