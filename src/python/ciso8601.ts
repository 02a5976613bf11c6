// ciso8601.parse_datetime, StackStorm's first try at a date (st2common/util/date.py parse): the ISO 8601 subset it
// accepts, with Python datetime's range checks. `YYYY-MM[-DD]` or `YYYYMMDD`, then [Tt ] and `hh[:mm[:ss[.f]]]`
// (extended date) or `hh[mm[ss[.f]]]` (basic date), then Z or ±hh[[:]mm]; 24:00[:00] is the next midnight.

/** A parsed date: milliseconds of its wall-clock fields read as UTC, and its UTC offset in minutes, if any. */
export interface PyDateTime {
  /** Date.UTC of year, month, day, hour, minute, second, ms (the naive fields). */
  wall: number;
  /** Minutes east of UTC, undefined for a naive time (StackStorm reads naive times as UTC). */
  offset?: number;
}

/** The instant: naive times are UTC, as st2's date_utils.parse adds a UTC tzinfo to them. */
export function instant(d: PyDateTime): number {
  return d.wall - (d.offset ?? 0) * 60_000;
}

/** Days in a month of a proleptic Gregorian year (the calendar repeats every 400 years; Date.UTC maps 0-99 to 19xx). */
export const daysIn = (year: number, month: number): number =>
  new Date(Date.UTC(2000 + (((year % 400) + 400) % 400), month, 0)).getUTCDate();

/** Python's datetime() range checks, with its messages; undefined when the fields make a datetime. */
export function datetimeError(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | undefined {
  if (y < 1 || y > 9999) return `year ${y} is out of range`;
  if (mo < 1 || mo > 12) return 'month must be in 1..12';
  if (d < 1 || d > daysIn(y, mo)) return 'day is out of range for month';
  if (h < 0 || h > 23) return 'hour must be in 0..23';
  if (mi < 0 || mi > 59) return 'minute must be in 0..59';
  if (s < 0 || s > 59) return 'second must be in 0..59';
  return undefined;
}

/** Date.UTC for years 1-99 too (Date.UTC maps them to 1900-1999). */
export function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y);
  return t.getTime();
}

const EXTENDED = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?/;
const BASIC = /^(\d{4})(\d{2})(\d{2})(?:[Tt ](\d{2})(?:(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?)?/;
const ZONE = /^(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** ciso8601.parse_datetime(s), or undefined where it raises. */
export function parseCiso8601(s: string): PyDateTime | undefined {
  const m = EXTENDED.exec(s) ?? BASIC.exec(s);
  if (!m) return undefined;
  const rest = s.slice(m[0].length);
  const z = rest === '' ? undefined : ZONE.exec(rest);
  if (rest !== '' && (!z || m[4] === undefined)) return undefined;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i, k) => Number(m[i] ?? (k === 2 ? 1 : 0))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] ? Math.floor(Number(`0.${m[7].slice(0, 6)}`) * 1e6) / 1000 : 0;
  // 24:00[:00] is midnight of the next day; any other 24 is Python's "hour must be in 0..23".
  const midnight = h === 24 && mi === 0 && sec === 0 && ms === 0;
  if (datetimeError(y, mo, d, midnight ? 0 : h, mi, sec) !== undefined) return undefined;
  let offset: number | undefined;
  if (z?.[2]) {
    offset = (z[2] === '-' ? -1 : 1) * (Number(z[3]) * 60 + Number(z[4] ?? 0));
    if (Math.abs(offset) >= 24 * 60) return undefined;
  } else if (z?.[1]) offset = 0;
  const wall = wallClock(y, mo, d, midnight ? 24 : h, mi, sec, ms);
  return offset === undefined ? { wall } : { wall, offset };
}
