// Character classes of libyaml's scanner (yaml_private.h), on UTF-16 code units. EOF is -1: the reader
// refuses NUL, so it cannot stand for anything else.

export const EOF = -1;

/** Space or tab. */
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** LF, CR, NEL, LS, PS: the line breaks of YAML 1.1. */
export function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

export function isBreakZ(c: number): boolean {
  return c === EOF || isBreak(c);
}

export function isBlankZ(c: number): boolean {
  return isBlank(c) || isBreakZ(c);
}

/** libyaml's IS_ALPHA: ASCII letters, digits, `_` and `-` (anchors, tag handles, directive names). */
export function isAlpha(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** libyaml's reader accepts only these code points (#x9 #xA #xD, printable ASCII, NEL, most of Unicode). */
export function isPrintable(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
