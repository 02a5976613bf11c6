// Python methods callable on values, from an explicit allow-list: nothing else is reachable.
import { PY_TYPE, PyError, pyTuple, isDict, pyTypeName, pyStr, pyLower, pyUpper, pyRepr } from '../python/index.ts';
import { use } from './undefined.ts';

/** `obj.name` where name is an allowed method: called later through callMethod. */
export class BoundMethod {
  readonly [PY_TYPE] = 'builtin_function_or_method';
  readonly self: unknown;
  readonly name: string;
  constructor(self: unknown, name: string) {
    this.self = self;
    this.name = name;
  }
}

type Impl = (self: never, args: unknown[], kwargs: Record<string, unknown>) => unknown;

function str(v: unknown, what = 'argument'): string {
  if (typeof v !== 'string') throw new PyError('TypeError', `${what} must be str, not ${pyTypeName(v)}`);
  return v;
}
function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? null : str(chars);
  const isStrip = (c: string): boolean => (set === null ? /\s/.test(c) : set.includes(c));
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isStrip(s[a] ?? '')) a++;
  if (right) while (b > a && isStrip(s[b - 1] ?? '')) b--;
  return s.slice(a, b);
}
function split(s: string, sep: unknown, max: unknown): string[] {
  const limit = typeof max === 'number' && max >= 0 ? max : -1;
  if (sep === undefined || sep === null) {
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest !== '') {
      if (limit >= 0 && parts.length === limit) {
        parts.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const d = str(sep);
  if (d === '') throw new PyError('ValueError', 'empty separator');
  const all = s.split(d);
  if (limit < 0 || all.length <= limit + 1) return all;
  return [...all.slice(0, limit), all.slice(limit).join(d)];
}
function title(s: string): string {
  return s.replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}
function format(s: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return s.replace(/\{\{|\}\}|\{([^{}!:]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const f = field ?? '';
    if (f === '') return pyStr(args[auto++]);
    if (/^\d+$/.test(f)) return pyStr(args[Number(f)]);
    if (Object.hasOwn(kwargs, f)) return pyStr(kwargs[f]);
    throw new PyError('KeyError', pyRepr(f));
  });
}

const strMethods: Record<string, Impl> = {
  upper: (s: string) => pyUpper(s),
  lower: (s: string) => pyLower(s),
  strip: (s: string, a) => stripChars(s, a[0], true, true),
  lstrip: (s: string, a) => stripChars(s, a[0], true, false),
  rstrip: (s: string, a) => stripChars(s, a[0], false, true),
  split: (s: string, a, k) => split(s, a[0] ?? k.sep, a[1] ?? k.maxsplit),
  startswith: (s: string, a) =>
    Array.isArray(a[0]) ? a[0].some((p) => s.startsWith(str(p))) : s.startsWith(str(a[0])),
  endswith: (s: string, a) => (Array.isArray(a[0]) ? a[0].some((p) => s.endsWith(str(p))) : s.endsWith(str(a[0]))),
  replace: (s: string, a) => {
    const count = typeof a[2] === 'number' ? a[2] : -1;
    const parts = s.split(str(a[0]));
    if (count < 0 || parts.length - 1 <= count) return parts.join(str(a[1]));
    return parts.slice(0, count + 1).join(str(a[1])) + str(a[0]) + parts.slice(count + 1).join(str(a[0]));
  },
  join: (s: string, a) => {
    const items = a[0];
    if (!Array.isArray(items)) throw new PyError('TypeError', 'can only join an iterable');
    return items
      .map((x, i) => {
        if (typeof x !== 'string')
          throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${pyTypeName(x)} found`);
        return x;
      })
      .join(s);
  },
  title: (s: string) => title(s),
  capitalize: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  find: (s: string, a) => s.indexOf(str(a[0])),
  count: (s: string, a) => (str(a[0]) === '' ? s.length + 1 : s.split(str(a[0])).length - 1),
  isdigit: (s: string) => /^[0-9]+$/.test(s),
  isalpha: (s: string) => /^\p{L}+$/u.test(s),
  isalnum: (s: string) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s: string) => /^\s+$/.test(s),
  islower: (s: string) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isupper: (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  // str.splitlines() also breaks at \v, \f, the file/group/record separators, NEL and the Unicode separators.
  splitlines: (s: string) =>
    // eslint-disable-next-line no-control-regex
    s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/).filter((x, i, arr) => i < arr.length - 1 || x !== ''),
  zfill: (s: string, a) => {
    const w = typeof a[0] === 'number' ? a[0] : 0;
    const sign = s.startsWith('-') || s.startsWith('+') ? (s[0] ?? '') : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  format: (s: string, a, k) => format(s, a, k),
};

const dictMethods: Record<string, Impl> = {
  keys: (d: Record<string, unknown>) => Object.keys(d),
  values: (d: Record<string, unknown>) => Object.values(d),
  items: (d: Record<string, unknown>) => Object.keys(d).map((k) => pyTuple([k, d[k]])),
  get: (d: Record<string, unknown>, a) => {
    const k = a[0];
    return typeof k === 'string' && Object.hasOwn(d, k) ? d[k] : (a[1] ?? null);
  },
};

const listMethods: Record<string, Impl> = {
  index: (l: unknown[], a) => {
    const i = l.findIndex((x) => pyRepr(x) === pyRepr(a[0]));
    if (i < 0) throw new PyError('ValueError', `${pyRepr(a[0])} is not in list`);
    return i;
  },
  count: (l: unknown[], a) => l.filter((x) => pyRepr(x) === pyRepr(a[0])).length,
};

function table(self: unknown): Record<string, Impl> | undefined {
  if (typeof self === 'string') return strMethods;
  if (Array.isArray(self)) return listMethods;
  if (isDict(self)) return dictMethods;
  return undefined;
}

/** Every allowed method name per receiver type (for lint and docs). */
export const methodNames = {
  str: Object.keys(strMethods),
  dict: Object.keys(dictMethods),
  list: Object.keys(listMethods),
};

/** The bound method `self.name`, or undefined when it is not on the allow-list. */
export function lookupMethod(self: unknown, name: string): BoundMethod | undefined {
  const t = table(self);
  return t && Object.hasOwn(t, name) ? new BoundMethod(self, name) : undefined;
}

/** True when some receiver type has a method of this name (dict keys like `items` resolve to the method, as in Jinja). */
export function isDictMethod(name: string): boolean {
  return (
    Object.hasOwn(dictMethods, name) ||
    ['pop', 'update', 'copy', 'clear', 'setdefault', 'fromkeys', 'popitem'].includes(name)
  );
}

/** Calls a value: only bound methods from the allow-list are callable. */
export function callValue(callee: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const f = use(callee);
  if (!(f instanceof BoundMethod)) throw new PyError('TypeError', `'${pyTypeName(f)}' object is not callable`);
  const impl = table(f.self)?.[f.name];
  if (!impl) throw new PyError('TypeError', `'${f.name}' is not callable`);
  return impl(
    f.self as never,
    args.map((a) => use(a)),
    kwargs,
  );
}
