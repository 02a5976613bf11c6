// Route matching as StackStorm's router does it (spec §1.1): percent-decode the path, strip one trailing `/`,
// then match case-sensitively. Done by hand from the raw URL because the hook may contain `/` and `%2F`.

export type RouteMatch = { kind: 'hook'; hook: string } | { kind: 'list' } | { kind: 'get'; url: string };

const PREFIXES = ['/api/v1/webhooks', '/v1/webhooks', '/webhooks'] as const;
const utf8 = new TextDecoder('utf-8');

const hexValue = (code: number): number => {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
};

/**
 * Python's `urllib.parse.unquote`: `%XX` become bytes, malformed escapes stay as written, the bytes are decoded
 * as UTF-8 with U+FFFD for invalid sequences; `+` is kept.
 * @example pyUnquote('caf%C3%A9%2Fx') // 'café/x'
 */
export function pyUnquote(text: string): string {
  if (!text.includes('%')) return text;
  const bytes = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 37 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1] as number);
      const lo = hexValue(bytes[i + 2] as number);
      if (hi >= 0 && lo >= 0) {
        out.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out.push(b);
  }
  return utf8.decode(Uint8Array.from(out));
}

/** Splits a raw request URL into its decoded, route-ready path and its raw query string. */
export function splitUrl(rawUrl: string): { path: string; query: string } {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  let path = pyUnquote(rawPath);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query: q === -1 ? '' : rawUrl.slice(q + 1) };
}

/**
 * The webhook route a request addresses, or undefined (404 "The resource could not be found.").
 * @example matchRoute('POST', '/v1/webhooks/sample/') // { kind: 'hook', hook: 'sample' }
 */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const prefix of PREFIXES) {
    if (path === prefix) return method === 'GET' ? { kind: 'list' } : undefined;
    if (!path.startsWith(`${prefix}/`)) continue;
    const rest = path.slice(prefix.length + 1);
    if (rest === '') return undefined;
    if (method === 'POST') return { kind: 'hook', hook: rest };
    if (method === 'GET') return rest.includes('/') ? undefined : { kind: 'get', url: rest };
    return undefined;
  }
  return undefined;
}
