// Filter `float`.
import type { FilterDef } from './types.ts';
import { PyFloat, numericValue, pyFloat } from '../../python/index.ts';
function toFloat(v: unknown, dflt: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return pyFloat(numericValue(v) ?? 0);
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase().replace(/_/g, '');
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s)) return pyFloat(Number(s));
    if (/^[-+]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^[-+]?nan$/.test(s)) return NaN;
  }
  return dflt;
}

export const floatFilter: FilterDef = {
  name: 'float',
  params: ['default'],
  apply(value, a, _env, _k) {
    return toFloat(value, a[0] ?? new PyFloat(0));
  },
};
