// Python's json.dumps with default settings: separators ', ' and ': ', ensure_ascii=True.
import { PyError } from './errors.ts';
import { PyFloat, floatRepr, intRepr } from './float.ts';
import { isDict, pyTypeName } from './types.ts';

const ESC: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** JSON string literal with every non-ASCII UTF-16 unit as `\uXXXX` (lower-case hex, as Python). */
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const c = s.charCodeAt(i);
    const e = ESC[ch];
    if (e !== undefined) out += e;
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return floatRepr(x);
}

export interface JsonDumpsOptions {
  /** json.dumps(sort_keys=True). */
  sortKeys?: boolean;
  /** json.dumps(indent=N): newline + N spaces per level, item separator ',' . */
  indent?: number;
  /** Item separator when not indenting (Python default ', '). */
  itemSeparator?: string;
}

/** Python `json.dumps(v)`: `jsonDumps({a: [1, true]})` = '{"a": [1, true]}'. */
export function jsonDumps(v: unknown, options: JsonDumpsOptions = {}): string {
  const ind = options.indent;
  const write = (x: unknown, level: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'string') return jsonString(x);
    if (typeof x === 'number') return Number.isInteger(x) ? intRepr(x) : jsonFloat(x);
    if (x instanceof PyFloat) return jsonFloat(x.value);
    const nl = ind === undefined ? '' : '\n' + ' '.repeat(ind * (level + 1));
    const close = ind === undefined ? '' : '\n' + ' '.repeat(ind * level);
    const sep = ind === undefined ? (options.itemSeparator ?? ', ') : ',' + nl;
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + nl + x.map((e) => write(e, level + 1)).join(sep) + close + ']';
    }
    if (isDict(x)) {
      let keys = Object.keys(x);
      if (keys.length === 0) return '{}';
      if (options.sortKeys) keys = [...keys].sort();
      return '{' + nl + keys.map((k) => `${jsonString(k)}: ${write(x[k], level + 1)}`).join(sep) + close + '}';
    }
    throw new PyError('TypeError', `Object of type ${pyTypeName(x)} is not JSON serializable`);
  };
  return write(v, 0);
}
