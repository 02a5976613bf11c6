// The Python built-ins PyYAML's SafeConstructor leans on (int(), float(), base64.decodebytes), reached
// with arbitrary text through explicit tags (`!!int " 0o17 "`): their exact acceptance decides whether
// StackStorm loads a file at all.

/** str.strip()'s white space (str.isspace): Unicode white space plus the separators U+001C to U+001F. */
// eslint-disable-next-line no-control-regex -- Python counts the information separators as white space
const PY_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;

export function pyStrip(s: string): string {
  return s.replace(PY_SPACE, '');
}

/** The value of a Unicode decimal digit (Nd), which Python's int() and float() accept like ASCII digits. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!/^\p{Nd}$/u.test(ch)) return -1;
  // Nd characters come in runs of ten, 0 to 9 (a Unicode stability guarantee).
  let zero = cp;
  while (zero > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** Maps Unicode decimal digits to ASCII, leaves everything else; undefined when nothing changes. */
function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const d = ch > '\x7f' ? decimalValue(ch) : -1;
    out += d >= 0 ? String(d) : ch;
  }
  return out;
}

const DIGITS: Record<number, RegExp> = {
  2: /^[01]+(?:_[01]+)*$/,
  8: /^[0-7]+(?:_[0-7]+)*$/,
  10: /^[0-9]+(?:_[0-9]+)*$/,
  16: /^[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*$/,
};
const PREFIX: Record<number, RegExp> = { 2: /^0[bB]_?/, 8: /^0[oO]_?/, 16: /^0[xX]_?/ };

/** Python's int(s, base) for bases 2, 8, 10 and 16, or undefined where it raises ValueError. */
export function pyInt(s: string, base: 2 | 8 | 10 | 16): bigint | undefined {
  let t = asciiDigits(pyStrip(s));
  let sign = 1n;
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t.startsWith('-')) sign = -1n;
    t = t.slice(1);
  }
  const prefix = PREFIX[base];
  // int('0x1f', 16) accepts the base's prefix; int('007') is 7 (only literals refuse leading zeros).
  if (prefix?.test(t)) t = t.replace(prefix, '');
  if (!DIGITS[base]?.test(t)) return undefined;
  const digits = t.replaceAll('_', '');
  const radix = base === 2 ? '0b' : base === 8 ? '0o' : base === 16 ? '0x' : '';
  return sign * BigInt(radix + digits);
}

const DIGIT_RUN = '[0-9]+(?:_[0-9]+)*';
const FLOAT = new RegExp(`^[+-]?(?:${DIGIT_RUN}(?:\\.(?:${DIGIT_RUN})?)?|\\.${DIGIT_RUN})(?:[eE][+-]?${DIGIT_RUN})?$`);
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's float(s), or undefined where it raises ValueError. */
export function pyFloat(s: string): number | undefined {
  const t = asciiDigits(pyStrip(s));
  if (SPECIAL.test(t)) {
    const neg = t.startsWith('-');
    if (/nan/i.test(t)) return NaN;
    return neg ? -Infinity : Infinity;
  }
  if (!FLOAT.test(t)) return undefined;
  return Number(t.replaceAll('_', ''));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * binascii.a2b_base64 in its default (non-strict) mode, as base64.decodebytes calls it: characters outside
 * the alphabet are skipped, padding ends the data, and a leftover partial quantum is an error.
 */
export function pyBase64Decode(s: string): Uint8Array | undefined {
  const out: number[] = [];
  let quadPos = 0;
  let leftchar = 0;
  let pads = 0;
  for (const ch of s) {
    if (ch === '=') {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return new Uint8Array(out);
      continue;
    }
    const v = B64.indexOf(ch);
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftchar = v;
        break;
      case 1:
        quadPos = 2;
        out.push(((leftchar << 2) | (v >> 4)) & 0xff);
        leftchar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out.push(((leftchar << 4) | (v >> 2)) & 0xff);
        leftchar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out.push(((leftchar << 6) | v) & 0xff);
        leftchar = 0;
    }
  }
  return quadPos === 0 ? new Uint8Array(out) : undefined;
}
