// Authentication exactly as StackStorm's router (spec §2): the FIRST credential present and non-empty, in the
// order token header, API key header, token query, API key query, auth-token cookie, is the only one checked.
import type { IncomingHttpHeaders } from 'node:http';
import { hashApiKey } from '../store/index.ts';
import type { ApiKeyStore, TokenStore } from '../store/index.ts';
import { httpFault } from './errors.ts';
import type { HttpFault } from './errors.ts';

export interface AuthOptions {
  /** StackStorm's `auth.enable` (default true). */
  enabled: boolean;
  /** `api.auth_cookie_secure` (default true). */
  cookieSecure?: boolean;
  /** `api.auth_cookie_same_site` (default lax). */
  cookieSameSite?: 'lax' | 'strict' | 'none';
}

export type CredentialSource = 'header-token' | 'header-api-key' | 'query-token' | 'query-api-key' | 'cookie-token';

export type AuthOutcome =
  | { ok: true; user: string | undefined; source: CredentialSource | undefined; setCookie?: string }
  | { ok: false; fault: HttpFault; source: CredentialSource | undefined };

interface Credential {
  source: CredentialSource;
  value: string;
}

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
};

/** WebOb's `req.GET.get(name)`: case-sensitive name, the last value wins. */
function queryValue(query: string, name: string): string | undefined {
  let found: string | undefined;
  for (const [k, v] of new URLSearchParams(query)) if (k === name) found = v;
  return found;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name)
      return part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/** The credential StackStorm would validate, or undefined when none is present (empty values count as absent). */
export function findCredential(headers: IncomingHttpHeaders, query: string): Credential | undefined {
  const candidates: Array<[CredentialSource, () => string | undefined]> = [
    ['header-token', () => headerValue(headers, 'x-auth-token')],
    ['header-api-key', () => headerValue(headers, 'st2-api-key')],
    ['query-token', () => queryValue(query, 'x-auth-token')],
    ['query-api-key', () => queryValue(query, 'st2-api-key')],
    ['cookie-token', () => cookieValue(headerValue(headers, 'cookie'), 'auth-token')],
  ];
  for (const [source, read] of candidates) {
    const value = read();
    if (value !== undefined && value !== '') return { source, value };
  }
  return undefined;
}

/** `auth-token=<t>; Max-Age=<s>; Path=/; expires=<date>; secure; HttpOnly; SameSite=lax` as WebOb writes it. */
function tokenCookie(token: string, expiryMs: number, now: number, options: AuthOptions): string {
  const maxAge = Math.max(0, Math.floor((expiryMs - now) / 1000));
  const parts = [
    `auth-token=${token}`,
    `Max-Age=${maxAge}`,
    'Path=/',
    `expires=${new Date(now + maxAge * 1000).toUTCString()}`,
  ];
  if (options.cookieSecure !== false) parts.push('secure');
  parts.push('HttpOnly', `SameSite=${options.cookieSameSite ?? 'lax'}`);
  return parts.join('; ');
}

export interface AuthStore {
  apiKeys: Pick<ApiKeyStore, 'getByHash'>;
  tokens: Pick<TokenStore, 'get'>;
}

// sha512 per request was ~6% of a webhook's CPU. Only the key -> hash step is memoised: it is a pure function,
// so a cached entry can never outlive a revocation. Every request still looks the hash up in the store, so
// a key disabled or deleted (by this process or by `rules apikey` in another one) is refused on its next use.
// Bounded, oldest entry evicted first, so random keys cannot grow it without limit.
const HASH_CACHE_SIZE = 1024;
const hashCache = new Map<string, string>();

/** hashApiKey, memoised (see above). */
export function cachedKeyHash(key: string): string {
  let hash = hashCache.get(key);
  if (hash === undefined) {
    hash = hashApiKey(key);
    if (hashCache.size >= HASH_CACHE_SIZE) hashCache.delete(hashCache.keys().next().value as string);
    hashCache.set(key, hash);
  }
  return hash;
}

// A store that cannot answer (database down) refuses the request: never let it through unchecked, never a 500.
const storeDown = (error: unknown): HttpFault =>
  httpFault('RULES_HTTP_AUTH_STORE_UNAVAILABLE', { reason: error instanceof Error ? error.message : String(error) });

/** Checks a request's credentials; `now` is injectable for expiry tests. */
export async function authenticate(
  store: AuthStore,
  options: AuthOptions,
  headers: IncomingHttpHeaders,
  query: string,
  now = Date.now(),
): Promise<AuthOutcome> {
  if (!options.enabled) return { ok: true, user: undefined, source: undefined };
  const credential = findCredential(headers, query);
  if (!credential) return { ok: false, fault: httpFault('RULES_HTTP_AUTH_REQUIRED'), source: undefined };
  const { source, value } = credential;
  if (source === 'header-api-key' || source === 'query-api-key') {
    const keyHash = cachedKeyHash(value);
    let key;
    try {
      key = await store.apiKeys.getByHash(keyHash);
    } catch (error) {
      return { ok: false, fault: storeDown(error), source };
    }
    if (!key) return { ok: false, fault: httpFault('RULES_HTTP_API_KEY_UNKNOWN', { keyHash }), source };
    if (!key.enabled) return { ok: false, fault: httpFault('RULES_HTTP_API_KEY_DISABLED'), source };
    return { ok: true, user: key.user, source };
  }
  let token;
  try {
    token = await store.tokens.get(value);
  } catch (error) {
    return { ok: false, fault: storeDown(error), source };
  }
  if (!token) return { ok: false, fault: httpFault('RULES_HTTP_TOKEN_UNKNOWN'), source };
  if (token.expiryMs <= now) return { ok: false, fault: httpFault('RULES_HTTP_TOKEN_EXPIRED'), source };
  // Only tokens passed in a header or the query set the cookie (`x-set-cookie`); API keys never do.
  if (source === 'cookie-token') return { ok: true, user: token.user, source };
  return { ok: true, user: token.user, source, setCookie: tokenCookie(token.token, token.expiryMs, now, options) };
}
