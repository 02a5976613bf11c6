// Compares what PyYAML yielded (pyyaml-harness.py's tagged encoding) with what our loader yielded. JavaScript
// cannot hold some Python values exactly; those cases are classified, never silently passed:
//   int-precision      an int past 2**53 became the nearest double
//   datetime-precision a datetime's microseconds below the millisecond were dropped
//   recursive          a collection inside itself: we refuse what PyYAML builds (nothing downstream could use it)
//   key-collision      distinct Python keys with the same property name (1 and "1", two NaN keys)
// Everything else must be the same value (numbers: int and float are both JS numbers) or both a refusal.
import { DATE_ONLY } from '../../src/pack/pyyaml/index.ts';

/** What our loader made of a text: a value, or a refusal with its message. */
export interface Ours {
  loaded: boolean;
  value: unknown;
  reason?: string;
}

export type Tagged =
  | null
  | boolean
  | string
  | Tagged[]
  | { int: string }
  | { float: string }
  | { bytes: string }
  | { date: string }
  | { datetime: string; naive: boolean }
  | { tuple: Tagged[] }
  | { set: Tagged[] }
  | { dict: Array<[Tagged, Tagged]> }
  | { cycle: true };

export interface PyResult {
  ok?: Tagged;
  error?: string;
  message?: string;
  pure?: false;
}

export type Agreement =
  'same-value' | 'same-refusal' | 'int-precision' | 'datetime-precision' | 'recursive' | 'key-collision';

export type Verdict = { kind: Agreement } | { kind: 'mismatch'; detail: string };

class Mismatch extends Error {}

const has = <K extends string>(v: object, k: K): v is Record<K, unknown> => Object.hasOwn(v, k);

/** The property name our loader gives a Python key (json.dumps' key conversion). */
function propertyName(k: Tagged): string | undefined {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'boolean') return String(k);
  if (typeof k !== 'object' || Array.isArray(k)) return undefined;
  if (has(k, 'int')) return k.int;
  if (has(k, 'float')) return { inf: 'Infinity', '-inf': '-Infinity', nan: 'NaN' }[k.float] ?? k.float;
  if (has(k, 'date')) return k.date;
  if (has(k, 'datetime')) return `${k.datetime.slice(0, 23)}Z`;
  if (has(k, 'bytes')) return Buffer.from(k.bytes, 'base64').toString('latin1');
  return undefined;
}

/** JavaScript objects list array-index-like names first, ascending, then the others in insertion order. */
function jsOrder(names: string[]): string[] {
  const isIndex = (s: string): boolean => /^(?:0|[1-9][0-9]*)$/.test(s) && Number(s) < 4294967295;
  const idx = names.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...idx, ...names.filter((s) => !isIndex(s))];
}

class Comparer {
  readonly notes = new Set<Agreement>();

  value(want: Tagged, got: unknown, path: string): void {
    const fail = (why: string): never => {
      throw new Mismatch(`${path || '(root)'}: ${why}; want ${JSON.stringify(want)}, got ${String(got)}`);
    };
    if (want === null || typeof want === 'boolean' || typeof want === 'string') {
      if (got !== want) fail('different');
      return;
    }
    if (Array.isArray(want)) return this.list(want, got, path, fail);
    if (has(want, 'int')) return this.int(want.int, got, fail);
    if (has(want, 'float')) return this.float(want.float, got, fail);
    if (has(want, 'bytes')) {
      if (!(got instanceof Uint8Array) || Buffer.from(got).toString('base64') !== want.bytes) fail('bytes differ');
      return;
    }
    if (has(want, 'date')) {
      if (!(got instanceof Date) || !DATE_ONLY.has(got) || got.toISOString().slice(0, 10) !== want.date) fail('date');
      return;
    }
    if (has(want, 'datetime')) return this.datetime(want.datetime, got, fail);
    if (has(want, 'tuple')) return this.list(want.tuple, got, path, fail);
    if (has(want, 'set')) return this.set(want.set, got, path, fail);
    if (has(want, 'dict')) return this.dict(want.dict, got, path, fail);
    if (has(want, 'cycle')) {
      this.notes.add('recursive');
      return;
    }
    fail('unknown encoding');
  }

  private list(want: Tagged[], got: unknown, path: string, fail: (w: string) => never): void {
    if (!Array.isArray(got) || got.length !== want.length) fail('list length');
    want.forEach((w, i) => this.value(w, (got as unknown[])[i], `${path}/${i}`));
  }

  private int(digits: string, got: unknown, fail: (w: string) => never): void {
    if (typeof got !== 'number' || !Number.isInteger(got)) fail('not an integer');
    if (BigInt(got) === BigInt(digits)) return;
    if (Number(digits) === got && !Number.isSafeInteger(Number(digits))) this.notes.add('int-precision');
    else fail('int differs');
  }

  private float(repr: string, got: unknown, fail: (w: string) => never): void {
    if (typeof got !== 'number') fail('not a number');
    const want = repr === 'nan' ? NaN : repr === 'inf' ? Infinity : repr === '-inf' ? -Infinity : Number(repr);
    if (!Object.is(want, got)) fail('float differs');
  }

  private datetime(iso: string, got: unknown, fail: (w: string) => never): void {
    if (!(got instanceof Date) || DATE_ONLY.has(got)) fail('not a datetime');
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})$/.exec(iso);
    if (!m) return fail('bad datetime encoding');
    const micro = Number(m[7]);
    const want = new Date(Date.UTC(2000, 0, 1, Number(m[4]), Number(m[5]), Number(m[6]), Math.floor(micro / 1000)));
    want.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (want.getTime() !== got.getTime()) fail('instant differs');
    if (micro % 1000 !== 0) this.notes.add('datetime-precision');
  }

  private set(want: Tagged[], got: unknown, path: string, fail: (w: string) => never): void {
    if (!(got instanceof Set) || got.size !== want.length) fail('set size');
    const items = [...(got as Set<unknown>)];
    for (const w of want) {
      const found = items.some((x) => {
        try {
          new Comparer().value(w, x, path);
          return true;
        } catch {
          return false;
        }
      });
      if (!found) fail(`set lacks ${JSON.stringify(w)}`);
    }
  }

  private dict(want: Array<[Tagged, Tagged]>, got: unknown, path: string, fail: (w: string) => never): void {
    if (got === null || typeof got !== 'object' || Array.isArray(got) || got instanceof Set) fail('not an object');
    const obj = got as Record<string, unknown>;
    const names = want.map(([k]) => propertyName(k));
    if (names.some((n) => n === undefined) || new Set(names).size !== names.length) {
      this.notes.add('key-collision');
      return;
    }
    const expected = jsOrder(names as string[]);
    const actual = Object.keys(obj);
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      fail(`keys ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    want.forEach(([, v], i) => this.value(v, obj[names[i] as string], `${path}/${names[i] as string}`));
  }
}

/** The verdict for one text. */
export function compare(py: PyResult, ours: Ours): Verdict {
  if (py.error !== undefined) {
    if (!ours.loaded) return { kind: 'same-refusal' };
    return { kind: 'mismatch', detail: `PyYAML refuses (${py.error}: ${py.message}), we load ${show(ours.value)}` };
  }
  if (!ours.loaded) {
    if (/recursive/.test(ours.reason ?? '') && JSON.stringify(py.ok).includes('"cycle":true'))
      return { kind: 'recursive' };
    return { kind: 'mismatch', detail: `PyYAML loads ${JSON.stringify(py.ok)}, we refuse: ${ours.reason ?? ''}` };
  }
  const c = new Comparer();
  try {
    c.value(py.ok ?? null, ours.value, '');
  } catch (e) {
    if (e instanceof Mismatch) return { kind: 'mismatch', detail: e.message };
    throw e;
  }
  const [note] = c.notes;
  return note ? { kind: note } : { kind: 'same-value' };
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
