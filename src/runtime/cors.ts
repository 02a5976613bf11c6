// CORS and request ids on every response (StackStorm's CorsMiddleware and RequestIDMiddleware, spec §1.1).

export const DEFAULT_ALLOW_ORIGINS = ['http://127.0.0.1:3000'] as const;

/** The Access-Control-* headers StackStorm sets, for a request's Origin. */
export function corsHeaders(origin: string | undefined, allowOrigins: readonly string[]): Record<string, string> {
  const first = allowOrigins[0] ?? 'http://127.0.0.1:3000';
  const allowed = origin === undefined ? first : allowOrigins.includes('*') || allowOrigins.includes(origin) ? origin : first;
  return {
    'Access-Control-Allow-Origin': allowed,
    'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE',
    'Access-Control-Allow-Headers': 'Content-Type,Authorization,X-Auth-Token,St2-Api-Key,X-Request-ID',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'Content-Type,X-Limit,X-Total-Count,X-Request-ID',
  };
}
