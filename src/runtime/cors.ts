// CORS and request ids on every response (StackStorm's CorsMiddleware and RequestIDMiddleware, spec §1.1).

export const DEFAULT_ALLOW_ORIGINS = ['http://127.0.0.1:3000'] as const;

export const CORS_ALLOW_METHODS = 'GET,POST,PUT,DELETE';
export const CORS_ALLOW_HEADERS = 'Content-Type,Authorization,X-Auth-Token,St2-Api-Key,X-Request-ID';
export const CORS_EXPOSE_HEADERS = 'Content-Type,X-Limit,X-Total-Count,X-Request-ID';

/** The Access-Control-Allow-Origin value: the request's Origin when allowed, else the first allowed origin. */
export function allowedOrigin(origin: string | undefined, allowOrigins: readonly string[]): string {
  const first = allowOrigins[0] ?? 'http://127.0.0.1:3000';
  return origin === undefined ? first : allowOrigins.includes('*') || allowOrigins.includes(origin) ? origin : first;
}

/** The Access-Control-* headers StackStorm sets, for a request's Origin. */
export function corsHeaders(origin: string | undefined, allowOrigins: readonly string[]): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': allowedOrigin(origin, allowOrigins),
    'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
    'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS,
  };
}
