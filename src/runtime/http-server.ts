// One node:http server, one port, two handlers: webhook paths go to our lean handler (webhook-handler.ts),
// everything else (OPTIONS preflight, /healthz, /metrics, the API routes, unknown paths and methods) to
// fastify unchanged. Installed through fastify's `serverFactory`, so `app.listen()`, `app.close()` and
// `app.server` work as before.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pyUnquote } from './paths.ts';
import { guardConnections } from './connection-guard.ts';
import type { ServerLimits } from './limits.ts';

/** `/v1/webhooks...`, `/webhooks...`, `/api/v1/webhooks...` (spec §1.1), before the query string. */
export const WEBHOOK_PATH = /^\/(?:api\/v1\/|v1\/)?webhooks(?:\/|$)/;
/** The same on a whole URL, so the common case needs no slicing. */
const WEBHOOK_URL = /^\/(?:api\/v1\/|v1\/)?webhooks(?:[/?]|$)/;
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'] as const;
const webhookMethods = new Set<string>(WEBHOOK_METHODS);

/**
 * Whether a request is the webhook handler's. The path is matched as StackStorm's router sees it,
 * percent-decoded (`/v1/%77ebhooks/x` is a webhook), like the wildcard route it replaces.
 * @example isWebhookRequest('POST', '/api/v1/webhooks/sample?x=1') // true
 */
export function isWebhookRequest(method: string | undefined, url: string | undefined): boolean {
  if (method === undefined || url === undefined || !webhookMethods.has(method)) return false;
  if (WEBHOOK_URL.test(url)) return true;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.includes('%') && WEBHOOK_PATH.test(pyUnquote(path));
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The server fastify's `serverFactory` returns. fastify ignores its own server settings with a factory, so
 * its defaults are set here: keep-alive 72 s, no socket timeout once a request is in, the limits of limits.ts.
 * node checks its headers and request timeouts on an interval, every second here (default 30 s). Its request
 * timeout (408 without a body, connection closed) backs up the webhook handler's own body timeout for the API
 * routes; it counts from the connection's request start, so it is the headers' and the body's time together.
 */
export function createHttpServer(
  webhooks: Handler,
  fastify: Handler,
  limits: Pick<ServerLimits, 'headersTimeoutMs' | 'bodyTimeoutMs' | 'maxConnections'>,
): Server {
  const server = createServer(
    {
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.bodyTimeoutMs > 0 ? limits.headersTimeoutMs + limits.bodyTimeoutMs + 1000 : 0,
    },
    (req, res) => {
      if (isWebhookRequest(req.method, req.url)) webhooks(req, res);
      else fastify(req, res);
    },
  );
  server.keepAliveTimeout = 72_000;
  server.setTimeout(0);
  guardConnections(server, limits.maxConnections);
  return server;
}
