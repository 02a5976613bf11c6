// Dates for timediff_lt/timediff_gt as StackStorm's date_utils.parse reads them (st2common/util/date.py):
// ciso8601.parse_datetime on the value, else dateutil.parser.parse(str(value)); naive times are UTC. So a value that
// is not a date (month 13, day 45, "tomorrow") raises ParserError and the criterion is false, and a number is what
// dateutil makes of its digits (5 is the 5th of this month, 2014 this day in 2014).
import { PyError, instant, parseCiso8601, parseDateutil, pyStr } from '../python/index.ts';

/** Milliseconds since the epoch of a payload value, or throws ParserError as dateutil does. */
export function parseDateValue(value: unknown, now: Date = new Date()): number {
  const iso = typeof value === 'string' ? parseCiso8601(value) : undefined;
  return instant(iso ?? parseDateutil(pyStr(value), now));
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
  return (now - parseDateValue(value, new Date(now))) / 1000;
}
