// Request body parsing with StackStorm's semantics (spec §1.3): content type compared verbatim, strict JSON,
// form bodies as `parse_qs` lists of strings. Keys are untrusted: prototype keys are refused in JSON and
// written as own data properties in forms.
import { TextDecoder } from 'node:util';
import sjson from 'secure-json-parse';
import { pyRepr } from '../python/index.ts';
import { httpFault } from './errors.ts';
import type { HttpFault } from './errors.ts';

export type BodyResult = { ok: true; body: unknown } | { ok: false; fault: HttpFault };

export interface BodyOptions {
  /**
   * StackStorm's eventlet dev server re-labels text/plain as JSON; production (gunicorn) does not, so a
   * text/plain body is a string and fails the object/array check. Default false (production behaviour).
   */
  textPlainAsJson?: boolean;
}

const parseFault = (reason: string): BodyResult => ({
  ok: false,
  fault: httpFault('RULES_HTTP_BODY_PARSE', { reason }),
});

/** `type; a=b; charset=x`: the part before the first `;` verbatim, and the charset parameter if any. */
export function parseContentType(header: string | undefined): { type: string; charset: string | undefined } {
  if (header === undefined) return { type: 'application/json', charset: undefined };
  const [type = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq !== -1 && p.slice(0, eq).trim().toLowerCase() === 'charset')
      charset = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return { type, charset };
}

/** Python's UnicodeDecodeError text for the first invalid UTF-8 sequence. */
function utf8Error(bytes: Buffer): string {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    const hex = `0x${b.toString(16).padStart(2, '0')}`;
    if (need < 0) return `'utf-8' codec can't decode byte ${hex} in position ${i}: invalid start byte`;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return `'utf-8' codec can't decode byte ${hex} in position ${i}: unexpected end of data`;
      if ((c & 0xc0) !== 0x80)
        return `'utf-8' codec can't decode byte ${hex} in position ${i}: invalid continuation byte`;
    }
    i += need + 1;
  }
  return `'utf-8' codec can't decode bytes: invalid data`;
}

function decodeText(
  raw: Buffer,
  charset: string | undefined,
): { ok: true; text: string } | { ok: false; reason: string } {
  const label = (charset ?? 'utf-8').toLowerCase();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown encoding: ${charset ?? label}` };
  }
  try {
    return { ok: true, text: decoder.decode(raw) };
  } catch {
    return {
      ok: false,
      reason: decoder.encoding === 'utf-8' ? utf8Error(raw) : `'${charset ?? label}' codec can't decode the body`,
    };
  }
}

/** orjson's wording: `unexpected character: line 1 column 5 (char 4)`. */
function jsonErrorText(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const pos = match ? Number(match[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const kind = pos >= text.length ? 'unexpected end of data' : 'unexpected character';
  return `${kind}: line ${line} column ${column} (char ${pos})`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** orjson refuses lone surrogate escapes such as `"\ud800"`; JSON.parse accepts them, so look for them. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (LONE_SURROGATE.test(k) || hasLoneSurrogate(v)) return true;
  }
  return false;
}

function parseJson(raw: Buffer, charset: string | undefined): BodyResult {
  if (raw.length === 0) return { ok: true, body: {} };
  const decoded = decodeText(raw, charset);
  if (!decoded.ok) return parseFault(decoded.reason);
  let body: unknown;
  try {
    body = sjson.parse(decoded.text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const e = error as Error;
    return parseFault(e instanceof SyntaxError ? jsonErrorText(decoded.text, e) : e.message);
  }
  if (hasLoneSurrogate(body)) return parseFault('str is not valid UTF-8: surrogates not allowed');
  return { ok: true, body };
}

const latin1 = new TextDecoder('latin1');
const utf8Replace = new TextDecoder('utf-8');

/** Python's `unquote_plus` with errors='replace' over one form component. */
function unquotePlus(part: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(part.replaceAll('+', ' '), 'latin1');
  for (let i = 0; i < src.length; i++) {
    const b = src[i] as number;
    if (b === 37 && i + 2 < src.length) {
      const hex = latin1.decode(src.subarray(i + 1, i + 3));
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    bytes.push(b);
  }
  return utf8Replace.decode(Uint8Array.from(bytes));
}

/**
 * `urllib.parse.parse_qs(body)`: `&`-separated pairs, pairs without `=` or with a blank value dropped, `+` is a
 * space, every value a list of strings.
 * @example parseQs(Buffer.from('a=1&a=2&b=&c')) // { a: ['1', '2'] }
 */
export function parseQs(raw: Buffer): Record<string, string[]> {
  const lists = new Map<string, string[]>();
  // latin1 keeps every byte as one char, so percent-decoding sees the original bytes.
  for (const pair of latin1.decode(raw).split('&')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || eq === pair.length - 1) continue;
    const key = unquotePlus(pair.slice(0, eq));
    const value = unquotePlus(pair.slice(eq + 1));
    const list = lists.get(key);
    if (list) list.push(value);
    else lists.set(key, [value]);
  }
  const out: Record<string, string[]> = {};
  for (const [k, v] of lists)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Parses a body by Content-Type, then applies the `WebhookBody` schema (object or array). */
export function parseWebhookBody(
  raw: Buffer,
  contentTypeHeader: string | undefined,
  options: BodyOptions = {},
): BodyResult {
  const { type, charset } = parseContentType(contentTypeHeader);
  let result: BodyResult;
  if (type === 'application/json' || (type === 'text/plain' && options.textPlainAsJson === true)) {
    result = parseJson(raw, charset);
  } else if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    result = { ok: true, body: parseQs(raw) };
  } else if (type === 'text/plain') {
    const decoded = decodeText(raw, charset);
    if (!decoded.ok) return parseFault(decoded.reason);
    result = { ok: true, body: decoded.text };
  } else {
    return { ok: false, fault: httpFault('RULES_HTTP_UNSUPPORTED_CONTENT_TYPE', { type }) };
  }
  if (!result.ok) return result;
  const body = result.body;
  if (body === null || typeof body !== 'object') {
    return { ok: false, fault: httpFault('RULES_HTTP_BODY_NOT_OBJECT_OR_ARRAY', { value: pyRepr(body) }) };
  }
  return result;
}
