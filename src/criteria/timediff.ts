// Dates for timediff_lt/timediff_gt: ciso8601 first, then a lenient parse of str(value) like dateutil;
// naive times are UTC (spec §4.4).
import { PyError, pyStr } from '../python/index.ts';

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

function fromIso(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  let t =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0)) +
    (frac ? Number(`0.${frac}`) * 1000 : 0);
  if (tz && tz !== 'Z' && tz !== 'z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0)) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

/** Milliseconds since the epoch of a payload value, or throws ParserError as dateutil does. */
export function parseDateValue(value: unknown): number {
  const s = pyStr(value).trim();
  const iso = fromIso(s);
  if (iso !== undefined) return iso;
  // Lenient fallback (dateutil): RFC 2822 and friends; a string without a zone is read as UTC.
  if (/[a-zA-Z]{3}/.test(s) || /\d[/.]\d/.test(s)) {
    const withZone = /(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})\s*$/i.test(s) ? s : `${s} UTC`;
    const t = Date.parse(withZone);
    if (!Number.isNaN(t)) return t;
    const t2 = Date.parse(s);
    if (!Number.isNaN(t2)) return t2;
  }
  throw new PyError('ParserError', `Unknown string format: ${s}`);
}

/** Python `float(x)` for the period. */
export function pyFloatOf(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') {
    const t = x.trim().replace(/_/g, '');
    if (/^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)$/i.test(t)) return Number(t);
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(t)) return NaN;
    throw new PyError('ValueError', `could not convert string to float: ${JSON.stringify(x).replace(/^"|"$/g, "'")}`);
  }
  const type = Array.isArray(x) ? 'list' : x === null || x === undefined ? 'NoneType' : 'dict';
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${type}'`);
}

/** Seconds between now and the value's time (negative for future times). */
export function secondsSince(value: unknown, now: number = Date.now()): number {
  return (now - parseDateValue(value)) / 1000;
}
