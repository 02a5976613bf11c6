// str() and repr() of values as Python prints them: `True`, `None`, `{'a': 1}`, `[1, 'x']`.
import { PyFloat, floatRepr, intRepr } from './float.ts';
import { isPyTuple } from './tuple.ts';

/** Python's repr of a str: single quotes unless the text holds `'` and no `"`, escapes as CPython. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029)
      out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr(): `pyRepr('a')` = "'a'", `pyRepr([1, null])` = "[1, None]". */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return strRepr(v);
  return pyStr(v);
}

/** Python's str(): `pyStr(true)` = 'True', `pyStr({a: 1})` = "{'a': 1}", strings as they are. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? intRepr(v) : floatRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (isPyTuple(v)) return '(' + v.map(pyRepr).join(', ') + (v.length === 1 ? ',)' : ')');
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const k of Object.keys(v)) parts.push(`${strRepr(k)}: ${pyRepr((v as Record<string, unknown>)[k])}`);
    return '{' + parts.join(', ') + '}';
  }
  // bigint and symbol do not occur in JSON-like data; functions never reach templates.
  return typeof v === 'bigint' ? v.toString() : '<object>';
}
