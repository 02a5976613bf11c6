// Flow scalars (single and double quoted) and plain scalars, as libyaml 0.2.5 scans them (scanner.c).
// Quoted scalars may continue on lines at any column, even 0 (only `---`/`...` there end them): PyYAML
// reads `description: "first line` / `second line"` as one string, and so do we.
import { hexValue, isBlank, isBlankZ, isBreak } from './chars.ts';
import { YamlError } from './error.ts';
import type { Reader } from './reader.ts';
import type { Mark, Token } from './tokens.ts';

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\x08',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\x0b',
  f: '\x0c',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const CODE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function atDocumentIndicator(r: Reader): boolean {
  if (r.column !== 0 || !isBlankZ(r.ch(3))) return false;
  const c = r.ch();
  return (c === 0x2d || c === 0x2e) && r.ch(1) === c && r.ch(2) === c;
}

/** Line folding shared by quoted and plain scalars: one break folds to a space, more keep all but the first. */
function fold(leadingBreak: string, trailingBreaks: string): string {
  if (leadingBreak === '\n') return trailingBreaks === '' ? ' ' : trailingBreaks;
  return leadingBreak + trailingBreaks;
}

/** A `'single'` or `"double"` quoted scalar. */
export function scanFlowScalar(r: Reader, single: boolean): Token {
  const start = r.mark();
  const quote = single ? 0x27 : 0x22;
  let value = '';
  r.skip();
  for (;;) {
    if (atDocumentIndicator(r)) {
      throw new YamlError(
        'scanner',
        'found unexpected document indicator',
        r.mark(),
        'while scanning a quoted scalar',
        start,
      );
    }
    if (r.ch() === -1) {
      throw new YamlError(
        'scanner',
        'found unexpected end of stream',
        r.mark(),
        'while scanning a quoted scalar',
        start,
      );
    }
    const run = scanQuotedRun(r, single, start);
    value += run.text;
    if (r.ch() === quote) break;
    value += quotedBlanks(r, run.leadingBlanks);
  }
  r.skip();
  return { type: 'SCALAR', start, end: r.mark(), value, style: single ? 'single' : 'double' };
}

/** The non-blank characters of a quoted scalar up to a blank, a break or the closing quote. */
function scanQuotedRun(r: Reader, single: boolean, start: Mark): { text: string; leadingBlanks: boolean } {
  let text = '';
  let from = r.pos;
  const flush = (): void => {
    text += r.text.slice(from, r.pos);
  };
  while (!isBlankZ(r.ch())) {
    const c = r.ch();
    if (single && c === 0x27 && r.ch(1) === 0x27) {
      flush();
      text += "'";
      r.skip();
      r.skip();
      from = r.pos;
    } else if (c === (single ? 0x27 : 0x22)) {
      break;
    } else if (!single && c === 0x5c && isBreak(r.ch(1))) {
      flush();
      r.skip();
      r.skipLine();
      return { text, leadingBlanks: true };
    } else if (!single && c === 0x5c) {
      flush();
      text += escape(r, start);
      from = r.pos;
    } else {
      r.skip();
    }
  }
  flush();
  return { text, leadingBlanks: false };
}

function escape(r: Reader, start: Mark): string {
  const e = String.fromCharCode(r.ch(1));
  const simple = ESCAPES[e];
  const codeLength = CODE_LENGTH[e] ?? 0;
  if (simple === undefined && codeLength === 0) {
    throw new YamlError('scanner', 'found unknown escape character', r.mark(), 'while parsing a quoted scalar', start);
  }
  r.skip();
  r.skip();
  if (simple !== undefined) return simple;
  let value = 0;
  for (let k = 0; k < codeLength; k++) {
    const h = hexValue(r.ch(k));
    if (h < 0) {
      throw new YamlError(
        'scanner',
        'did not find expected hexdecimal number',
        r.mark(),
        'while parsing a quoted scalar',
        start,
      );
    }
    value = value * 16 + h;
  }
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
    throw new YamlError(
      'scanner',
      'found invalid Unicode character escape code',
      r.mark(),
      'while parsing a quoted scalar',
      start,
    );
  }
  for (let k = 0; k < codeLength; k++) r.skip();
  return String.fromCodePoint(value);
}

/** Blanks and breaks inside a quoted scalar, folded. */
function quotedBlanks(r: Reader, leadingBlanksIn: boolean): string {
  let leadingBlanks = leadingBlanksIn;
  let whitespaces = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  while (isBlank(r.ch()) || isBreak(r.ch())) {
    if (isBlank(r.ch())) {
      if (!leadingBlanks) whitespaces += r.char();
      r.skip();
    } else if (!leadingBlanks) {
      whitespaces = '';
      leadingBreak = r.readLine();
      leadingBlanks = true;
    } else {
      trailingBreaks += r.readLine();
    }
  }
  // An escaped line break (`\` at the end of a line) joins without a space.
  if (leadingBlanks) return leadingBreak === '' ? trailingBreaks : fold(leadingBreak, trailingBreaks);
  return whitespaces;
}

/**
 * A plain scalar. It ends at `: ` (in flow context also at `,[]{}`), at ` #`, at a document indicator, and
 * in block context at a line indented less than `indent + 1`. `leadingBlanks` tells the scanner that the
 * scalar ended after a line break, where a simple key may start again.
 */
export function scanPlainScalar(
  r: Reader,
  indentLevel: number,
  inFlow: boolean,
): { token: Token; leadingBlanks: boolean } {
  const start = r.mark();
  let end = start;
  let value = '';
  let leadingBlanks = false;
  let whitespaces = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  const indent = indentLevel + 1;
  for (;;) {
    if (atDocumentIndicator(r) || r.ch() === 0x23) break;
    const from = r.pos;
    while (!isBlankZ(r.ch())) {
      const c = r.ch();
      if (inFlow && c === 0x3a && ',?[]{}'.includes(String.fromCharCode(r.ch(1)))) {
        throw new YamlError('scanner', "found unexpected ':'", r.mark(), 'while scanning a plain scalar', start);
      }
      if ((c === 0x3a && isBlankZ(r.ch(1))) || (inFlow && ',[]{}'.includes(String.fromCharCode(c)))) break;
      if (r.pos === from && (leadingBlanks || whitespaces !== '')) {
        value += leadingBlanks ? fold(leadingBreak, trailingBreaks) : whitespaces;
        leadingBreak = trailingBreaks = whitespaces = '';
        leadingBlanks = false;
      }
      r.skip();
    }
    if (r.pos > from) {
      value += r.text.slice(from, r.pos);
      end = r.mark();
    }
    if (!(isBlank(r.ch()) || isBreak(r.ch()))) break;
    while (isBlank(r.ch()) || isBreak(r.ch())) {
      if (isBlank(r.ch())) {
        if (leadingBlanks && r.column < indent && r.ch() === 0x09) {
          throw new YamlError(
            'scanner',
            'found a tab character that violates indentation',
            r.mark(),
            'while scanning a plain scalar',
            start,
          );
        }
        if (!leadingBlanks) whitespaces += r.char();
        r.skip();
      } else if (!leadingBlanks) {
        whitespaces = '';
        leadingBreak = r.readLine();
        leadingBlanks = true;
      } else {
        trailingBreaks += r.readLine();
      }
    }
    if (!inFlow && r.column < indent) break;
  }
  return { token: { type: 'SCALAR', start, end, value, style: 'plain' }, leadingBlanks };
}
