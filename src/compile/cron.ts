// APScheduler's CronTrigger fields (apscheduler/triggers/cron/fields.py, expressions.py, 3.x), which StackStorm
// builds from a CronTimer rule's parameters when the rule is created (st2common/validators/api/reactor.py
// validate_trigger_parameters: CronTrigger(**parameters)): the same expressions, ranges and messages, so a value
// APScheduler refuses is refused here. Each field is str(value), stripped, split at commas; each part stripped and
// matched against the field's expressions in order (Python's re.match: anchored at the start only).
import { strRepr } from '../python/index.ts';

export const CRON_FIELDS = ['year', 'month', 'day', 'week', 'day_of_week', 'hour', 'minute', 'second'] as const;
export type CronField = (typeof CRON_FIELDS)[number];

const MIN: Record<CronField, number> = {
  year: 1970,
  month: 1,
  day: 1,
  week: 1,
  day_of_week: 0,
  hour: 0,
  minute: 0,
  second: 0,
};
const MAX: Record<CronField, number> = {
  year: 9999,
  month: 12,
  day: 31,
  week: 53,
  day_of_week: 6,
  hour: 23,
  minute: 59,
  second: 59,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const POSITIONS = /^(1st|2nd|3rd|4th|5th|last) +(\p{Nd}+|[\p{L}\p{N}_]+)/iu;

class CronError extends Error {}

/** Python's int() of `\d+` (any Unicode decimal digit, as Python's re and int() read them: '٣' is 3). */
function pyInt(digits: string): number {
  let out = '';
  for (const ch of digits) {
    let cp = ch.codePointAt(0)!;
    let start = cp;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
    cp = (cp - start) % 10;
    out += String(cp);
  }
  return Number(out);
}

/** RangeExpression (and AllExpression when `first` is undefined): constructor checks, then validate_range. */
function range(field: CronField, expr: string, first?: number, last?: number, step?: number): void {
  if (step === 0) throw new CronError('Increment must be higher than 0');
  let end = last;
  if (first !== undefined && end === undefined && step === undefined) end = first;
  if (first !== undefined && end !== undefined && first > end)
    throw new CronError('The minimum value in a range must not be higher than the maximum');
  const invalid = (why: string): never => {
    throw new CronError(`Error validating expression ${strRepr(expr)}: ${why}`);
  };
  const total = MAX[field] - MIN[field];
  const stepTooBig = (span: number) =>
    `the step value (${step}) is higher than the total range of the expression (${span})`;
  if (step && step > total) invalid(stepTooBig(total));
  if (first === undefined) return;
  if (first < MIN[field]) invalid(`the first value (${first}) is lower than the minimum value (${MIN[field]})`);
  if (end !== undefined && end > MAX[field])
    invalid(`the last value (${end}) is higher than the maximum value (${MAX[field]})`);
  const span = (end || MAX[field]) - first;
  if (step && step > span) invalid(stepTooBig(span));
}

/** MonthRangeExpression / WeekdayRangeExpression: names to numbers, then a range. */
function named(
  field: CronField,
  expr: string,
  names: readonly string[],
  base: number,
  what: string,
  m: string[],
): void {
  const num = (name: string): number => {
    const i = names.indexOf(name.toLowerCase());
    if (i < 0) throw new CronError(`Invalid ${what} name "${name}"`);
    return i + base;
  };
  const first = num(m[1]!);
  range(field, expr, first, m[2] ? num(m[2]) : undefined);
}

function compileExpression(field: CronField, expr: string): void {
  let m = /^\*(?:\/(\p{Nd}+))?$/u.exec(expr);
  if (m) return range(field, expr, undefined, undefined, m[1] === undefined ? undefined : pyInt(m[1]));
  m = /^(\p{Nd}+)(?:-(\p{Nd}+))?(?:\/(\p{Nd}+))?$/u.exec(expr);
  if (m) {
    const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : pyInt(s));
    return range(field, expr, pyInt(m[1]!), num(m[2]), num(m[3]));
  }
  const names = /^([a-z]+)(?:-([a-z]+))?/i.exec(expr);
  if (field === 'month' && names) return named(field, expr, MONTHS, 1, 'month', names);
  if (field === 'day_of_week' && names) return named(field, expr, WEEKDAYS, 0, 'weekday', names);
  if (field === 'day') {
    const position = POSITIONS.exec(expr);
    if (position) {
      if (!WEEKDAYS.includes(position[2]!.toLowerCase())) throw new CronError(`Invalid weekday name "${position[2]}"`);
      return;
    }
    if (/^last/i.test(expr)) return;
  }
  throw new CronError(`Unrecognized expression "${expr}" for field "${field}"`);
}

/** str() of a parameter value as Python prints it (ints, strings; the schema allows nothing else). */
const pyStr = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);

/** APScheduler's error for one field's value, or undefined when CronTrigger accepts it. */
export function cronFieldError(field: CronField, value: unknown): string | undefined {
  try {
    for (const part of pyStr(value).trim().split(',')) compileExpression(field, part.trim());
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}

/** pytz.timezone(name) as Node's Intl sees the zone database; '' means the local zone to APScheduler. */
export function timezoneError(name: unknown): string | undefined {
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string') return `${JSON.stringify(name)} is not a time zone name`;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return undefined;
  } catch {
    return `UnknownTimeZoneError: ${strRepr(name)} is not a time zone of the IANA database`;
  }
}
