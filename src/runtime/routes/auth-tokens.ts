// st2auth's token endpoints (spec §2): POST /auth/v1/tokens with HTTP Basic credentials checked against an
// htpasswd file, and POST /auth/v1/tokens/validate. Also served as /v1/tokens and /tokens, as st2auth does
// behind nginx's `/auth` strip.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenStore } from '../../store/index.ts';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../store/index.ts';
import { httpFault } from '../errors.ts';
import type { HttpFault } from '../errors.ts';
import type { Htpasswd } from '../htpasswd.ts';
import { basicCredentials } from '../htpasswd.ts';
import { createLoginLimiter } from '../login-limiter.ts';
import type { LoginLimits } from '../login-limiter.ts';

export interface TokenRouteOptions {
  /** Credentials for Basic auth; absent: token creation over HTTP answers 501 with how to make one. */
  htpasswd?: Htpasswd;
  /** `auth.token_ttl`: default and maximum TTL in seconds (86400). */
  maxTtl?: number;
  /** Public base URL of the API, sent back as `X-API-URL` like st2auth. */
  apiUrl?: string;
  /** Failed-login limits per client and user (default DEFAULT_LOGIN_LIMITS); the clock for tests. */
  loginLimits?: Partial<LoginLimits>;
  now?: () => number;
}

const PREFIXES = ['/auth/v1/tokens', '/v1/tokens', '/tokens'];

function fault(reply: FastifyReply, f: HttpFault): FastifyReply {
  return reply.code(f.status).type('application/json').send({ faultstring: f.faultstring });
}

/** The parsed JSON body of these small endpoints, or undefined when empty; bad JSON is the caller's 400. */
function jsonBody(request: FastifyRequest): unknown {
  const raw = request.body;
  if (raw === undefined || raw === null) return undefined;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as unknown;
}

/** Adds the token routes; `tokens` is the store's token repository. */
export async function authTokenRoutes(
  app: FastifyInstance,
  tokens: TokenStore,
  options: TokenRouteOptions,
): Promise<void> {
  const maxTtl = options.maxTtl ?? DEFAULT_TOKEN_TTL_SECONDS;
  const limiter = createLoginLimiter(options.loginLimits, options.now);
  // A plugin scope of its own, so the raw-bytes parser below applies to these routes only.
  await app.register((scope, _options, done) => {
    // Raw bytes in, parsed here: these bodies are tiny and must never reach a prototype.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, body),
    );

    for (const prefix of PREFIXES) {
      scope.post(prefix, async (request, reply) => {
        if (!options.htpasswd) return fault(reply, httpFault('RULES_HTTP_TOKEN_DISABLED'));
        const credentials = basicCredentials(request.headers.authorization);
        // Refused before any password is checked: guessing stays slow and cannot keep the bcrypt worker busy.
        const wait = limiter.retryAfter(request.ip, credentials?.user);
        if (wait > 0) {
          void reply.header('Retry-After', String(wait));
          return fault(reply, httpFault('RULES_HTTP_TOKEN_RATE_LIMITED', { seconds: wait }));
        }
        if (!credentials || !(await options.htpasswd.verify(credentials.user, credentials.password))) {
          limiter.failed(request.ip, credentials?.user);
          return fault(reply, httpFault('RULES_HTTP_TOKEN_CREDENTIALS'));
        }
        limiter.succeeded(credentials.user);
        let body: unknown;
        try {
          body = jsonBody(request);
        } catch (error) {
          return fault(
            reply,
            httpFault('RULES_HTTP_BODY_PARSE', { reason: error instanceof Error ? error.message : String(error) }),
          );
        }
        const ttlValue =
          body !== null && typeof body === 'object' && Object.hasOwn(body, 'ttl')
            ? (body as { ttl: unknown }).ttl
            : undefined;
        let ttl = maxTtl;
        if (ttlValue !== undefined && ttlValue !== null) {
          if (typeof ttlValue !== 'number' || !Number.isInteger(ttlValue) || ttlValue < 1) {
            return fault(reply, httpFault('RULES_HTTP_TOKEN_TTL_INVALID', { ttl: JSON.stringify(ttlValue) }));
          }
          if (ttlValue > maxTtl)
            return fault(reply, httpFault('RULES_HTTP_TOKEN_TTL_TOO_LARGE', { ttl: ttlValue, max: maxTtl }));
          ttl = ttlValue;
        }
        const record = await tokens.create({ user: credentials.user, ttlSeconds: ttl });
        if (options.apiUrl) void reply.header('X-API-URL', options.apiUrl);
        return reply.code(201).type('application/json').send({
          user: record.user,
          token: record.token,
          expiry: record.expiry,
          id: record.id,
          metadata: record.metadata,
        });
      });

      scope.post(`${prefix}/validate`, async (request, reply) => {
        let body: unknown;
        try {
          body = jsonBody(request);
        } catch (error) {
          return fault(
            reply,
            httpFault('RULES_HTTP_BODY_PARSE', { reason: error instanceof Error ? error.message : String(error) }),
          );
        }
        const token =
          body !== null && typeof body === 'object' && Object.hasOwn(body, 'token')
            ? (body as { token: unknown }).token
            : undefined;
        if (typeof token !== 'string' || token === '') return fault(reply, httpFault('RULES_HTTP_TOKEN_NOT_PROVIDED'));
        const record = await tokens.get(token);
        return reply.type('application/json').send({ valid: record !== undefined && record.expiryMs > Date.now() });
      });
    }
    done();
  });
}
