// `methods: [POST, GET]`: a GET request's query string becomes the body object, for tools that can only
// call a URL. Same shape as fastify's query parser: one value → string, repeated key → list of strings.

export type QueryBodyResult = { ok: true; body: Record<string, string | string[]> } | { ok: false; message: string };

/** Node's querystring default: beyond this many pairs the request is refused rather than parsed. */
export const MAX_QUERY_KEYS = 1000;

/**
 * Turns a raw query string (with or without the leading `?`) into a body object. Keys are untrusted:
 * `__proto__` is refused (as secure-json-parse does for JSON bodies), and every key is written as an own
 * data property, so no key ever reaches a prototype.
 * @example queryStringToBody('?a=1&a=2&b=x') // { ok: true, body: { a: ['1', '2'], b: 'x' } }
 */
export function queryStringToBody(query: string, maxKeys = MAX_QUERY_KEYS): QueryBodyResult {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const values = new Map<string, string[]>();
  let count = 0;
  for (const [key, value] of params) {
    count += 1;
    if (count > maxKeys) return { ok: false, message: `query string has more than ${maxKeys} parameters` };
    if (key === '__proto__') return { ok: false, message: 'Object contains forbidden prototype property' };
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  const body: Record<string, string | string[]> = {};
  for (const [key, list] of values) {
    Object.defineProperty(body, key, {
      value: list.length === 1 ? list[0] : list,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ok: true, body };
}
