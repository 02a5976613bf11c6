// Python floats whose value is integral. JSON-like JS values cannot tell `1` from `1.0`: a JS number
// that is an integer is a Python int, any other number is a float. Template arithmetic and the `float`
// filter do produce integral floats (`4 / 2` is `2.0`), so those are boxed in PyFloat.
// Limitation: a JSON payload's `1.0` arrives as the number 1 and is therefore an int.

/** A Python float (boxed; only needed for integral values, non-integral JS numbers are floats already). */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** Makes the Python float `x`: a plain number when that already reads as a float, else a PyFloat. */
export function pyFloat(x: number): number | PyFloat {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

/** True for Python numbers (int, float, bool excluded). */
export function isPyNumber(v: unknown): v is number | PyFloat {
  return typeof v === 'number' || v instanceof PyFloat;
}

/** True for a Python float. */
export function isPyFloatValue(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** The numeric value of a number, bool or PyFloat (undefined for anything else). */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  return undefined;
}

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant = '', expPart = '0'] = x.toExponential().split('e');
  const exp = Number(expPart);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (exp >= -5 && exp < 16) {
    // Python switches to exponent form when exp < -4 or exp >= 16.
    if (exp < -4) return `${sign}${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e-0${-exp}`;
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : (digits[0] ?? '0');
  const e = Math.abs(exp);
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
}

/** Python's int str for a JS integer (exact digits, also past 2**53 where the double is exact). */
export function intRepr(x: number): string {
  if (Number.isSafeInteger(x)) return String(x);
  return BigInt(x).toString();
}
