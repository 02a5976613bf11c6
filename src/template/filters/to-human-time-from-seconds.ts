// Filter `to_human_time_from_seconds`: StackStorm: 3725 -> '1h2m5s'.
import type { FilterDef } from './types.ts';
import { PyError, isPyFloatValue, numericValue, pyStr } from '../../python/index.ts';
// StackStorm adds the seconds to datetime(1, 1, 1) and prints year-1, day-of-month-1, hour, minute,
// second from the first non-zero one: months are lost past 31 days, as there.
function humanTime(v: unknown): string {
  const n = numericValue(v);
  if (n === undefined) throw new PyError('AssertionError', '');
  if (n === 0) return '0s';
  if (n < 1) return `${pyStr(v)}\u03bcs`;
  let secs = n;
  if (isPyFloatValue(v)) secs = Math.abs(n % 1) === 0.5 ? 2 * Math.round(n / 2) : Math.round(n);
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  const t = new Date(d.getTime() + secs * 1000);
  const parts = [t.getUTCFullYear() - 1, t.getUTCDate() - 1, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  const first = parts.findIndex((x) => x !== 0);
  if (first < 0) return '0s';
  const units = ['y', 'd', 'h', 'm', 's'];
  return parts
    .slice(first)
    .map((x, i) => `${x}${units[first + i] ?? ''}`)
    .join('');
}

export const toHumanTimeFromSecondsFilter: FilterDef = {
  name: 'to_human_time_from_seconds',
  params: [],
  apply(value, _a, _env, _k) {
    return humanTime(value);
  },
};
