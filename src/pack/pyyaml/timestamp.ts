// !!timestamp as PyYAML's SafeConstructor builds it (construct_yaml_timestamp): a date, or a datetime with
// an optional fraction and UTC offset. Python's date/datetime refuse impossible values (month 13, hour 24),
// and then so does yaml.load, for the whole file.

const TIMESTAMP = new RegExp(
  '^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)' +
    '(?:(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?' +
    '(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?\\n?$',
);

/** Dates that stand for a Python `date` (no time part), as opposed to a midnight `datetime`. */
export const DATE_ONLY = new WeakSet<Date>();

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date;
}

/**
 * The instant a timestamp stands for (a naive one read as UTC; the offset applied otherwise), or an error
 * message where Python raises. JavaScript dates keep milliseconds: microseconds beyond them are dropped.
 */
export function constructTimestamp(text: string): Date | string {
  const m = TIMESTAMP.exec(text);
  if (!m) return 'it does not match the timestamp format';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1) return `year ${year} is out of range`;
  if (month < 1 || month > 12) return 'month must be in 1..12';
  if (day < 1 || day > daysIn(year, month)) return 'day is out of range for month';
  if (m[4] === undefined) {
    const date = utc(year, month, day);
    DATE_ONLY.add(date);
    return date;
  }
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23) return 'hour must be in 0..23';
  if (minute > 59) return 'minute must be in 0..59';
  if (second > 59) return 'second must be in 0..59';
  const micro = Number(((m[7] ?? '') + '000000').slice(0, 6));
  let offset = 0;
  if (m[9] !== undefined) {
    offset = Number(m[10]) * 60 + Number(m[11] ?? 0);
    if (offset >= 24 * 60)
      return 'offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)';
    if (m[9] === '-') offset = -offset;
  }
  const date = utc(year, month, day, hour, minute, second, Math.floor(micro / 1000));
  return new Date(date.getTime() - offset * 60_000);
}
