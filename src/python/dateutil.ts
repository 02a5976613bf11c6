// dateutil.parser.parse(s) with its defaults (dayfirst and yearfirst off, not fuzzy), StackStorm's fallback when
// ciso8601 refuses a value (st2common/util/date.py parse, on str(value)): the same tokens (dateutil's _timelex),
// the same numeric-token rules (_parse_numeric_token), year/month/day resolution (_ymd.resolve_ymd), defaults from
// today's date and Python datetime's range checks, so a value dateutil refuses (month 13, day 45, "tomorrow")
// raises ParserError here too. Not ported: fuzzy parsing, tzinfos, and "x h y m"-style durations.
import { PyError } from './errors.ts';
import { datetimeError, daysIn, wallClock } from './ciso8601.ts';
import type { PyDateTime } from './ciso8601.ts';

const JUMP = new Set([
  ' ',
  '.',
  ',',
  ';',
  '-',
  '/',
  "'",
  'at',
  'on',
  'and',
  'ad',
  'm',
  't',
  'of',
  'st',
  'nd',
  'rd',
  'th',
]);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const UTC_NAMES = new Set(['utc', 'gmt', 'z']);

const weekday = (t: string): number | undefined => {
  const i = WEEKDAYS.indexOf(t.toLowerCase());
  const j = WEEKDAY_NAMES.indexOf(t.toLowerCase());
  return i >= 0 ? i : j >= 0 ? j : undefined;
};
const month = (t: string): number | undefined => {
  const l = t.toLowerCase();
  const i = MONTHS.indexOf(l) >= 0 ? MONTHS.indexOf(l) : l === 'sept' ? 8 : MONTH_NAMES.indexOf(l);
  return i >= 0 ? i + 1 : undefined;
};
const ampm = (t: string): 0 | 1 | undefined => {
  const l = t.toLowerCase();
  return l === 'am' || l === 'a' ? 0 : l === 'pm' || l === 'p' ? 1 : undefined;
};
const isNumber = (t: string): boolean => /^\d+(\.\d*)?$|^\.\d+$/.test(t);

/**
 * dateutil's _timelex.split: runs of letters, numbers (a number with more than one dot, or ending in one, is split
 * at its dots: `2014.07.01`), single spaces, and every other character alone.
 */
export function timelex(s: string): string[] {
  const out: string[] = [];
  const re = /[^\W\d_]+(?:\.[^\W\d_]+)*|\d+(?:\.\d*)*|\s+|./gu;
  for (const m of s.matchAll(re)) {
    const t = m[0];
    const dots = t.split('.').length - 1;
    if (/^\s+$/.test(t)) out.push(' ');
    else if ((/^\d/.test(t) && (dots > 1 || t.endsWith('.'))) || /^[^\W\d_]+\./u.test(t))
      out.push(...t.split(/(\.)/).filter((x) => x !== ''));
    else out.push(t);
  }
  return out;
}

interface Result {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  micro?: number;
  ampm?: 0 | 1;
  offset?: number;
  any: boolean;
}

/** dateutil's _ymd: values, with the index of the one that was a month name and of the one that was a year. */
class Ymd {
  values: number[] = [];
  mIdx: number | undefined;
  yIdx: number | undefined;
  century = false;

  append(raw: string | number, label?: 'M' | 'Y'): void {
    let l = label;
    if (typeof raw === 'string' ? /^\d+$/.test(raw) && raw.length > 2 : raw > 100) {
      this.century = true;
      l = 'Y';
    }
    this.values.push(Math.trunc(Number(raw)));
    const at = this.values.length - 1;
    if (l === 'M') {
      if (this.mIdx !== undefined) throw new Error('Month is already set');
      this.mIdx = at;
    } else if (l === 'Y') {
      if (this.yIdx !== undefined) throw new Error('Year is already set');
      this.yIdx = at;
    }
  }

  couldBeDay(v: number): boolean {
    if (this.mIdx === undefined) return v >= 1 && v <= 31;
    // Without a year dateutil is permissive and assumes a leap year (monthrange(2000, month)).
    const year = this.yIdx === undefined ? 2000 : (this.values[this.yIdx] ?? 2000);
    return v >= 1 && v <= daysIn(year, this.values[this.mIdx] ?? 1);
  }

  /** resolve_ymd(yearfirst=False, dayfirst=False). */
  resolve(): [number | undefined, number | undefined, number | undefined] {
    const v = this.values;
    const [a, b, c] = v as [number, number, number];
    const labelled = (this.mIdx !== undefined ? 1 : 0) + (this.yIdx !== undefined ? 1 : 0);
    if ((v.length === labelled && labelled > 0) || (v.length === 3 && labelled === 2)) {
      const out: [number | undefined, number | undefined, number | undefined] = [undefined, undefined, undefined];
      if (this.yIdx !== undefined) out[0] = v[this.yIdx];
      if (this.mIdx !== undefined) out[1] = v[this.mIdx];
      const rest = v.findIndex((_, i) => i !== this.yIdx && i !== this.mIdx);
      if (rest >= 0) out[2] = v[rest];
      return out;
    }
    if (v.length > 3) throw new Error('More than three YMD values');
    const m = this.mIdx;
    if (v.length === 1 || (m !== undefined && v.length === 2)) {
      const other = m !== undefined ? v[m - 1 < 0 ? v.length - 1 : m - 1]! : a;
      const month = m !== undefined ? v[m] : undefined;
      if (v.length > 1 || m === undefined) return other > 31 ? [other, month, undefined] : [undefined, month, other];
      return [undefined, month, undefined];
    }
    if (v.length === 2) return a > 31 ? [a, b, undefined] : b > 31 ? [b, a, undefined] : [undefined, a, b];
    if (v.length === 3) {
      if (m === 0) return b > 31 ? [b, a, c] : [c, a, b];
      if (m === 1) return a > 31 ? [a, b, c] : [c, b, a];
      if (m === 2) return b > 31 ? [b, c, a] : [a, c, b];
      if (a > 31 || this.yIdx === 0) return [a, b, c];
      if (a > 12) return [c, b, a];
      return [c, a, b];
    }
    return [undefined, undefined, undefined];
  }
}

/** `ss[.ffffff]` → seconds and microseconds, as _parsems. */
function parsems(t: string): [number, number] {
  const [i, f = ''] = t.split('.');
  return [Number(i), Number(f.padEnd(6, '0').slice(0, 6))];
}

/** One number token (dateutil's _parse_numeric_token); returns the index of the last token it used. */
function numeric(tokens: string[], i: number, ymd: Ymd, res: Result): number {
  const t = tokens[i]!;
  const value = Number(t);
  const next = tokens[i + 1];
  const n = t.length;
  if (
    ymd.values.length === 3 &&
    (n === 2 || n === 4) &&
    res.hour === undefined &&
    (next === undefined || next !== ':')
  ) {
    res.hour = Number(t.slice(0, 2));
    if (n === 4) res.minute = Number(t.slice(2));
  } else if (n === 6 || (n > 6 && t.indexOf('.') === 6)) {
    if (ymd.values.length === 0 && !t.includes('.')) for (const k of [0, 2, 4]) ymd.append(t.slice(k, k + 2));
    else {
      res.hour = Number(t.slice(0, 2));
      res.minute = Number(t.slice(2, 4));
      [res.second, res.micro] = parsems(t.slice(4));
    }
  } else if (n === 8 || n === 12 || n === 14) {
    ymd.append(t.slice(0, 4), 'Y');
    ymd.append(t.slice(4, 6));
    ymd.append(t.slice(6, 8));
    if (n > 8) [res.hour, res.minute] = [Number(t.slice(8, 10)), Number(t.slice(10, 12))];
    if (n > 12) res.second = Number(t.slice(12));
  } else if (next === ':' && i + 2 < tokens.length) {
    res.hour = Math.trunc(value);
    const m = Number(tokens[i + 2]);
    res.minute = Math.trunc(m);
    if (m % 1) res.second = Math.trunc(60 * (m % 1));
    if (tokens[i + 3] === ':' && i + 4 < tokens.length) {
      [res.second, res.micro] = parsems(tokens[i + 4]!);
      return i + 4;
    }
    return i + 2;
  } else if (next === '-' || next === '/' || next === '.') {
    return dateWithSeparators(tokens, i, ymd);
  } else if (next === undefined || JUMP.has(next)) {
    const ap = tokens[i + 2] === undefined ? undefined : ampm(tokens[i + 2]!);
    if (ap !== undefined) {
      res.hour = adjust(Math.trunc(value), ap);
      return i + 2;
    }
    ymd.append(t);
  } else if (ampm(next) !== undefined && value >= 0 && value < 24) {
    res.hour = adjust(Math.trunc(value), ampm(next)!);
    return i + 1;
  } else if (ymd.couldBeDay(value)) ymd.append(t);
  else throw new Error('unknown');
  return i;
}

/** `01-01[-01]`, `01-Jan[-01]`: the first number and what its separator joins to it. */
function dateWithSeparators(tokens: string[], i: number, ymd: Ymd): number {
  const sep = tokens[i + 1]!;
  ymd.append(tokens[i]!);
  let j = i + 1;
  const second = tokens[i + 2];
  if (second !== undefined && !JUMP.has(second)) {
    if (/^\d+$/.test(second)) ymd.append(second);
    else {
      const m = month(second);
      if (m === undefined) throw new Error('unknown');
      ymd.append(m, 'M');
    }
    j = i + 2;
    const third = tokens[i + 4];
    if (tokens[i + 3] === sep && third !== undefined) {
      const m = month(third);
      if (m !== undefined) ymd.append(m, 'M');
      else ymd.append(third);
      j = i + 4;
    }
  }
  return j;
}

const adjust = (hour: number, ap: 0 | 1): number =>
  hour < 12 && ap === 1 ? hour + 12 : hour === 12 && ap === 0 ? 0 : hour;

/** A ±HH[:MM] offset after a time; returns the last token used. */
function offset(tokens: string[], i: number, res: Result): number {
  const sign = tokens[i] === '-' ? -1 : 1;
  const t = tokens[i + 1] ?? '';
  if (!/^\d+$/.test(t)) throw new Error('unknown');
  if (t.length === 4) res.offset = sign * (Number(t.slice(0, 2)) * 60 + Number(t.slice(2)));
  else if (tokens[i + 2] === ':' && /^\d+$/.test(tokens[i + 3] ?? '')) {
    res.offset = sign * (Number(t) * 60 + Number(tokens[i + 3]));
    return i + 3;
  } else if (t.length <= 2) res.offset = sign * Number(t) * 60;
  else throw new Error('unknown');
  return i + 1;
}

/** The tokens into fields, or undefined where dateutil's _parse gives up ("Unknown string format"). */
function fields(s: string): { res: Result; ymd: Ymd } | undefined {
  const tokens = timelex(s);
  const res: Result = { any: false };
  const ymd = new Ymd();
  try {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (isNumber(t)) {
        i = numeric(tokens, i, ymd, res);
        res.any = true;
      } else if (weekday(t) !== undefined) [res.weekday, res.any] = [weekday(t), true];
      else if (month(t) !== undefined) {
        ymd.append(month(t)!, 'M');
        res.any = true;
      } else if (ampm(t) !== undefined && res.hour !== undefined && res.ampm === undefined && res.hour <= 12) {
        res.hour = adjust(res.hour, ampm(t)!);
        res.ampm = ampm(t);
      } else if (res.hour !== undefined && UTC_NAMES.has(t.toLowerCase()) && res.offset === undefined) res.offset = 0;
      else if (res.hour !== undefined && /^[A-Z]{1,5}$/.test(t) && res.offset === undefined) continue;
      else if (res.hour !== undefined && (t === '+' || t === '-') && res.offset === undefined)
        i = offset(tokens, i, res);
      else if (!JUMP.has(t.toLowerCase())) return undefined;
    }
  } catch {
    return undefined;
  }
  return { res, ymd };
}

/** Two-digit years as dateutil's convertyear: the century that puts the year within 50 years of now. */
function convertYear(year: number, century: boolean, now: Date): number {
  if (year >= 100 || century) return year;
  const current = now.getFullYear();
  let y = year + Math.trunc(current / 100) * 100;
  if (y >= current + 50) y -= 100;
  else if (y < current - 50) y += 100;
  return y;
}

/** dateutil.parser.parse(s); throws PyError('ParserError') with dateutil's message where it raises. */
export function parseDateutil(s: string, now: Date = new Date()): PyDateTime {
  const parsed = fields(s);
  if (!parsed) throw new PyError('ParserError', `Unknown string format: ${s}`);
  const { res, ymd } = parsed;
  let year: number | undefined;
  let mon: number | undefined;
  let day: number | undefined;
  try {
    [year, mon, day] = ymd.resolve();
  } catch (e) {
    throw new PyError('ParserError', `${(e as Error).message}: ${s}`);
  }
  if (!res.any && res.hour === undefined && res.offset === undefined)
    throw new PyError('ParserError', `String does not contain a date: ${s}`);
  // The default is today at midnight, local time (dateutil's default); a default day past the month's end is its last.
  const y = year === undefined ? now.getFullYear() : convertYear(year, ymd.century, now);
  const m = mon ?? now.getMonth() + 1;
  let d = day ?? now.getDate();
  if (day === undefined && m >= 1 && m <= 12 && y >= 1 && y <= 9999) d = Math.min(d, daysIn(y, m));
  const [h, mi, sec, micro] = [res.hour ?? 0, res.minute ?? 0, res.second ?? 0, res.micro ?? 0];
  const bad = datetimeError(y, m, d, h, mi, sec);
  if (bad !== undefined) throw new PyError('ParserError', `${bad}: ${s}`);
  let wall = wallClock(y, m, d, h, mi, sec, micro / 1000);
  // A weekday without a day moves forward to that weekday (relativedelta(weekday=...)).
  if (res.weekday !== undefined && day === undefined) {
    const current = (new Date(wall).getUTCDay() + 6) % 7;
    wall += ((res.weekday - current + 7) % 7) * 86_400_000;
  }
  return res.offset === undefined ? { wall } : { wall, offset: res.offset };
}
