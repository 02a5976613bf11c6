// Directives, anchors, aliases and tags, as libyaml 0.2.5 scans them (scanner.c).
import { isAlpha, isBlank, isBlankZ, isBreak, isBreakZ, isDigit, hexValue } from './chars.ts';
import { YamlError } from './error.ts';
import type { Reader } from './reader.ts';
import type { Mark, Token } from './tokens.ts';

function fail(r: Reader, context: string, start: Mark, problem: string): never {
  throw new YamlError('scanner', problem, r.mark(), context, start);
}

function skipBlanks(r: Reader): void {
  while (isBlank(r.ch())) r.skip();
}

/** `%YAML 1.1` or `%TAG !x! prefix`, then only a comment up to the end of the line. */
export function scanDirective(r: Reader): Token {
  const start = r.mark();
  r.skip();
  let name = '';
  while (isAlpha(r.ch())) {
    name += r.char();
    r.skip();
  }
  const context = 'while scanning a directive';
  if (name === '') fail(r, context, start, 'could not find expected directive name');
  if (!isBlankZ(r.ch())) fail(r, context, start, 'found unexpected non-alphabetical character');
  let token: Token;
  if (name === 'YAML') {
    skipBlanks(r);
    const major = versionNumber(r, start);
    if (r.ch() !== 0x2e)
      fail(r, 'while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    r.skip();
    const minor = versionNumber(r, start);
    token = { type: 'VERSION-DIRECTIVE', start, end: r.mark(), major, minor };
  } else if (name === 'TAG') {
    const { handle, prefix } = tagDirectiveValue(r, start);
    token = { type: 'TAG-DIRECTIVE', start, end: r.mark(), handle, value: prefix };
  } else {
    fail(r, context, start, 'found unknown directive name');
  }
  skipBlanks(r);
  if (r.ch() === 0x23) while (!isBreakZ(r.ch())) r.skip();
  if (!isBreakZ(r.ch())) fail(r, context, start, 'did not find expected comment or line break');
  if (isBreak(r.ch())) r.skipLine();
  return token;
}

function versionNumber(r: Reader, start: Mark): number {
  let value = 0;
  let length = 0;
  while (isDigit(r.ch())) {
    if (++length > 9) fail(r, 'while scanning a %YAML directive', start, 'found extremely long version number');
    value = value * 10 + (r.ch() - 0x30);
    r.skip();
  }
  if (length === 0) fail(r, 'while scanning a %YAML directive', start, 'did not find expected version number');
  return value;
}

function tagDirectiveValue(r: Reader, start: Mark): { handle: string; prefix: string } {
  skipBlanks(r);
  const handle = scanTagHandle(r, true, start);
  if (!isBlank(r.ch())) fail(r, 'while scanning a %TAG directive', start, 'did not find expected whitespace');
  skipBlanks(r);
  const prefix = scanTagUri(r, true, true, '', start);
  if (!isBlankZ(r.ch())) {
    fail(r, 'while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
  }
  return { handle, prefix };
}

/** `&name` or `*name`: letters, digits, `_` and `-`, then a blank or one of `?:,]}%@` and a backquote. */
export function scanAnchor(r: Reader, type: 'ALIAS' | 'ANCHOR'): Token {
  const start = r.mark();
  r.skip();
  const from = r.pos;
  while (isAlpha(r.ch())) r.skip();
  const value = r.text.slice(from, r.pos);
  const end = r.mark();
  const c = r.ch();
  if (value === '' || !(isBlankZ(c) || '?:,]}%@`'.includes(String.fromCharCode(c)))) {
    const context = type === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias';
    fail(r, context, start, 'did not find expected alphabetic or numeric character');
  }
  return { type, start, end, value };
}

/** `!<verbatim>`, `!!suffix`, `!handle!suffix`, `!suffix` or `!`. */
export function scanTag(r: Reader, inFlow: boolean): Token {
  const start = r.mark();
  let handle: string;
  let suffix: string;
  if (r.ch(1) === 0x3c /* < */) {
    handle = '';
    r.skip();
    r.skip();
    suffix = scanTagUri(r, true, false, '', start);
    if (r.ch() !== 0x3e) fail(r, 'while scanning a tag', start, "did not find the expected '>'");
    r.skip();
  } else {
    const first = scanTagHandle(r, false, start);
    if (first.length > 1 && first.endsWith('!')) {
      handle = first;
      suffix = scanTagUri(r, false, false, '', start);
    } else {
      // `!suffix`: what looked like a handle is the start of the suffix; a lone `!` is the tag `!`.
      suffix = scanTagUri(r, false, false, first, start);
      handle = '!';
      if (suffix === '') [handle, suffix] = [suffix, handle];
    }
  }
  if (!isBlankZ(r.ch()) && !(inFlow && r.ch() === 0x2c)) {
    fail(r, 'while scanning a tag', start, 'did not find expected whitespace or line break');
  }
  return { type: 'TAG', start, end: r.mark(), handle, suffix };
}

function scanTagHandle(r: Reader, directive: boolean, start: Mark): string {
  const context = directive ? 'while scanning a tag directive' : 'while scanning a tag';
  if (r.ch() !== 0x21) fail(r, context, start, "did not find expected '!'");
  let handle = '!';
  r.skip();
  while (isAlpha(r.ch())) {
    handle += r.char();
    r.skip();
  }
  if (r.ch() === 0x21) {
    handle += '!';
    r.skip();
  } else if (directive && handle !== '!') {
    fail(r, 'while parsing a tag directive', start, "did not find expected '!'");
  }
  return handle;
}

const URI_CHARS = ";/?:@&=+$.%!~*'()";

/**
 * A tag URI: `head` (a scanned handle that turned out to be part of the suffix) minus its `!`, then URI
 * characters, `%xx` escapes decoded as UTF-8. `,[]` only in verbatim tags and %TAG prefixes.
 */
function scanTagUri(r: Reader, uriChar: boolean, directive: boolean, head: string, start: Mark): string {
  const bytes: number[] = [];
  for (const ch of head.slice(1)) bytes.push(ch.charCodeAt(0));
  let length = head.length;
  for (;;) {
    const c = r.ch();
    const ok =
      isAlpha(c) || URI_CHARS.includes(String.fromCharCode(c)) || (uriChar && (c === 0x2c || c === 0x5b || c === 0x5d));
    if (!ok || c === -1) break;
    if (c === 0x25) scanUriEscapes(r, directive, start, bytes);
    else {
      bytes.push(c);
      r.skip();
    }
    length++;
  }
  if (length === 0) {
    fail(
      r,
      directive ? 'while parsing a %TAG directive' : 'while parsing a tag',
      start,
      'did not find expected tag URI',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    // PyYAML decodes tags strictly: a tag that is not UTF-8 is an error.
    return fail(r, 'while parsing a tag', start, 'found a tag that is not valid UTF-8');
  }
}

function scanUriEscapes(r: Reader, directive: boolean, start: Mark, bytes: number[]): void {
  const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
  let width = 0;
  do {
    const hi = hexValue(r.ch(1));
    const lo = hexValue(r.ch(2));
    if (r.ch() !== 0x25 || hi < 0 || lo < 0) fail(r, context, start, 'did not find URI escaped octet');
    const octet = (hi << 4) + lo;
    if (width === 0) {
      width =
        (octet & 0x80) === 0
          ? 1
          : (octet & 0xe0) === 0xc0
            ? 2
            : (octet & 0xf0) === 0xe0
              ? 3
              : (octet & 0xf8) === 0xf0
                ? 4
                : 0;
      if (width === 0) fail(r, context, start, 'found an incorrect leading UTF-8 octet');
    } else if ((octet & 0xc0) !== 0x80) {
      fail(r, context, start, 'found an incorrect trailing UTF-8 octet');
    }
    bytes.push(octet);
    r.skip();
    r.skip();
    r.skip();
  } while (--width > 0);
}
