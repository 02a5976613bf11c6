// The `headers` of a webhook payload as StackStorm's WebOb presents them (spec §1.4): WSGI names turned back
// into Title-Case, repeated headers joined with `,` (as gunicorn does), auth headers and Cookie removed.

/** Headers StackStorm removes from the payload (`_filter_authentication_headers`). */
const REMOVED = new Set(['St2-Api-Key', 'X-Auth-Token', 'Cookie']);

const nameCache = new Map<string, string>();

/**
 * `x-github-event` → `X-Github-Event`, `ETag` → `Etag`, `x_foo` → `X-Foo`: Python's str.title() over the WSGI
 * name, which upper-cases every letter that follows a non-letter.
 */
export function webobHeaderName(name: string): string {
  const cached = nameCache.get(name);
  if (cached !== undefined) return cached;
  let out = '';
  let prevLetter = false;
  for (const ch of name.replaceAll('_', '-')) {
    const lower = ch.toLowerCase();
    const isLetter = lower !== ch.toUpperCase();
    out += isLetter ? (prevLetter ? lower : ch.toUpperCase()) : ch;
    prevLetter = isLetter;
  }
  // Bounded: header names are untrusted, a sender must not grow this without limit.
  if (nameCache.size < 1000) nameCache.set(name, out);
  return out;
}

export interface PayloadHeaders {
  headers: Record<string, string>;
  headers_lower: Record<string, string>;
  /** The `St2-Trace-Tag` value, popped from `headers`; undefined when absent or empty. */
  traceTag: string | undefined;
}

const define = (target: Record<string, string>, key: string, value: string): void => {
  // Header names are untrusted: own data properties only. Assignment creates one for every name but
  // `__proto__` (the only setter on Object.prototype); defineProperty for every header cost ~3% of a webhook.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
};

/** Builds `headers`/`headers_lower` from Node's rawHeaders (name, value, name, value, ...). */
export function payloadHeaders(rawHeaders: readonly string[], requestId: string): PayloadHeaders {
  const joined = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = webobHeaderName(rawHeaders[i] as string);
    const value = rawHeaders[i + 1] as string;
    const previous = joined.get(name);
    joined.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  // RequestIDMiddleware inserts one when the client sent none, so rules can rely on it.
  if (!joined.has('X-Request-Id')) joined.set('X-Request-Id', requestId);
  const traceTag = joined.get('St2-Trace-Tag');
  joined.delete('St2-Trace-Tag');
  const headers: Record<string, string> = {};
  const lower: Record<string, string> = {};
  for (const [name, value] of joined) {
    if (REMOVED.has(name)) continue;
    define(headers, name, value);
    define(lower, name.toLowerCase(), value);
  }
  return { headers, headers_lower: lower, traceTag: traceTag === '' ? undefined : traceTag };
}
