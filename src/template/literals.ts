// Literal tokens to values, as Jinja's lexer converts them.
import { pyFloat } from '../python/index.ts';

/** A Python string literal's value: quotes removed, `unicode-escape` escapes decoded. */
export function unquoteString(image: string): string {
  const body = image.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (all, esc: string) => {
    const c = esc[0];
    if (esc.length > 1 && (c === 'x' || c === 'u' || c === 'U'))
      return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (c !== undefined && c >= '0' && c <= '7') return String.fromCodePoint(parseInt(esc, 8));
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '\\':
        return '\\';
      case "'":
        return "'";
      case '"':
        return '"';
      case '\n':
        return '';
      default:
        return all;
    }
  });
}

/** An integer literal (decimal, 0x, 0o, 0b, underscores allowed). */
export function parseInteger(image: string): number {
  const s = image.replace(/_/g, '').toLowerCase();
  if (s.startsWith('0x')) return parseInt(s.slice(2), 16);
  if (s.startsWith('0o')) return parseInt(s.slice(2), 8);
  if (s.startsWith('0b')) return parseInt(s.slice(2), 2);
  return Number(s);
}

/** A float literal: always a Python float, boxed when integral (`1.0`). */
export function parseFloatLiteral(image: string): unknown {
  return pyFloat(Number(image.replace(/_/g, '')));
}
