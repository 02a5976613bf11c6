// Python behaviour of the built-ins StackStorm's operators call, with CPython's exception texts.
import { PyError, isDict, pyEquals, pyLower, pyTypeName } from '../python/index.ts';

/**
 * A PyError without a stack trace: operators raise on ordinary payloads (a missing key under
 * startswith), and capturing a stack for an error that only becomes a failure reason costs more than the match.
 */
export function pyError(pyClass: string, message: string): PyError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new PyError(pyClass, message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** `x.<method>` on a value that must be a str, else AttributeError like CPython. */
export function strFor(method: string, v: unknown): string {
  if (typeof v === 'string') return v;
  throw pyError('AttributeError', `'${pyTypeName(v ?? null)}' object has no attribute '${method}'`);
}

/** `x.lower()`. */
export function lower(v: unknown): string {
  return pyLower(strFor('lower', v));
}

/** Python `needle in haystack`. */
export function pyIn(needle: unknown, haystack: unknown): boolean {
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string')
      throw pyError('TypeError', `'in <string>' requires string as left operand, not ${pyTypeName(needle ?? null)}`);
    return haystack.includes(needle);
  }
  if (Array.isArray(haystack)) {
    for (const item of haystack as unknown[]) if (pyEquals(item ?? null, needle ?? null)) return true;
    return false;
  }
  if (isDict(haystack)) {
    if (Array.isArray(needle) || isDict(needle)) throw pyError('TypeError', `unhashable type: '${pyTypeName(needle)}'`);
    // JSON keys are strings: only a string can be one (1 == True keys do not exist in JSON objects).
    return typeof needle === 'string' && Object.hasOwn(haystack, needle);
  }
  throw pyError('TypeError', `argument of type '${pyTypeName(haystack ?? null)}' is not iterable`);
}

/** `s.startswith(prefix)` / `s.endswith(suffix)`. */
export function affix(method: 'startswith' | 'endswith', s: unknown, part: unknown): boolean {
  const str = strFor(method, s);
  if (typeof part !== 'string')
    throw pyError('TypeError', `${method} first arg must be str or a tuple of str, not ${pyTypeName(part ?? null)}`);
  return method === 'startswith' ? str.startsWith(part) : str.endsWith(part);
}

/** `re.compile(p)` argument check, then the subject check of `.match`/`.search`. */
export function regexArgs(value: unknown, pattern: unknown): string {
  if (typeof pattern !== 'string') throw pyError('TypeError', 'first argument must be string or compiled pattern');
  if (typeof value !== 'string')
    throw pyError('TypeError', `expected string or bytes-like object, got '${pyTypeName(value ?? null)}'`);
  return value;
}
