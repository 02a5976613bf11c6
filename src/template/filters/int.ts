// Filter `int`.
import type { FilterDef } from './types.ts';
import { PyFloat, numericValue } from '../../python/index.ts';
function toInt(v: unknown, dflt: unknown, base: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || v instanceof PyFloat) return Math.trunc(numericValue(v) ?? 0);
  if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    const b = typeof base === 'number' ? base : 10;
    const digits =
      b === 16
        ? /^[-+]?(0x)?[0-9a-f]+$/i
        : b === 8
          ? /^[-+]?(0o)?[0-7]+$/i
          : b === 2
            ? /^[-+]?(0b)?[01]+$/i
            : /^[-+]?\d+$/;
    if (digits.test(s)) return parseInt(s.replace(/^([-+]?)0[xob]/i, '$1'), b);
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Math.trunc(Number(s));
  }
  return dflt;
}

export const intFilter: FilterDef = {
  name: 'int',
  params: ['default', 'base'],
  apply(value, a, _env, _k) {
    return toInt(value, a[0] ?? 0, a[1] ?? 10);
  },
};
