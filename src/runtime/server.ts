// The HTTP server: webhook paths (spec §1, §2: `/v1/webhooks...`, `/webhooks...`, `/api/v1/webhooks...` with GET,
// POST, PUT, DELETE, PATCH or HEAD) are answered by our own node:http handler (webhook-handler.ts), everything
// else by fastify: OPTIONS preflight on any path, /healthz, /metrics, the API routes of routes/, unknown paths
// and methods. One http.Server and one port serve both (fastify's `serverFactory`, http-server.ts). Why not a
// fastify route for the webhooks too: fastify's per-request machinery alone (hooks, a child logger, the
// content-type parser, reply serialisation) costs ~28% of bare node:http's throughput, measured, and was
// ~25-30 µs of each webhook before auth, the store and matching ran (bench/README.md, serve).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RuleSet, TriggerProcessor, SecretLookup } from '../model/index.ts';
import type { Store } from '../store/index.ts';
import { authenticate as checkAuth } from './auth.ts';
import type { AuthOptions } from './auth.ts';
import { DEFAULT_ALLOW_ORIGINS, corsHeaders } from './cors.ts';
import { errorAnswer, httpFault } from './errors.ts';
import type { HttpFault } from './errors.ts';
import { WEBHOOK_METHODS, WEBHOOK_PATH, createHttpServer } from './http-server.ts';
import { createLogger, redactUrl } from './logger.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import type { RuntimeMetrics } from './metrics.ts';
import { splitUrl } from './paths.ts';
import { routePlugins } from './routes/index.ts';
import type { RoutePlugin } from './routes/index.ts';
import type { TokenRouteOptions } from './routes/auth-tokens.ts';
import { createDeduper } from './dedupe.ts';
import { storeSecretLookup } from './datastore.ts';
import type { AsyncSecretLookup } from './datastore.ts';
import { createWebhookHandler } from './webhook-handler.ts';
import type { WebhookHandlerOptions } from './webhook-handler.ts';
import { prepareWebhookResponses } from '../webhooks/index.ts';

/** GitHub sends up to 25 MB; StackStorm itself has no limit, nginx in front usually does. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export interface ServerOptions {
  ruleSet: () => RuleSet;
  store: Store;
  processor: TriggerProcessor;
  auth: AuthOptions;
  bodyLimit?: number;
  /** A pino logger; default: JSON to stdout at info. `false`: silent. */
  logger?: Logger | false;
  /** Eventlet dev-server behaviour: text/plain parsed as JSON (spec §1.3). Default false (gunicorn). */
  textPlainAsJson?: boolean;
  /** `api.allow_origin`. */
  allowOrigins?: readonly string[];
  /** `system.validate_trigger_payload` (default true). */
  validateTriggerPayload?: boolean;
  /** Serve the routes of src/runtime/routes/index.ts too (default true). */
  extraRoutes?: boolean;
  /** Route plugins of later stages, registered after those (the web console, src/console, issue 19). */
  routes?: readonly RoutePlugin[];
  /** st2auth's token endpoints: htpasswd credentials and the maximum TTL. */
  tokens?: TokenRouteOptions;
  /** Secrets of webhook options signatures; default: `{env}` from process.env, `{datastore}` from the store's system-scope keys. */
  webhookSecrets?: SecretLookup | AsyncSecretLookup;
  /** Delivery-id headers deduplicated on (default `X-GitHub-Delivery`, `webhook-id`; `[]` disables); a url's `dedupe_header` overrides. */
  dedupeHeaders?: string[];
  /** How long an accepted delivery id is remembered (default 24 h). */
  dedupeWindowMs?: number;
  /** Clock of the dedupe window (tests). */
  dedupeNow?: () => number;
}

const metricsOf = new WeakMap<FastifyInstance, RuntimeMetrics>();

function sendFault(reply: FastifyReply, fault: HttpFault): FastifyReply {
  return reply.code(fault.status).type('application/json').send({ faultstring: fault.faultstring });
}

/**
 * Builds (does not listen) the server.
 * @example const app = await createServer({ ruleSet: () => rs, store, processor, auth: { enabled: true } }); await app.listen({ port: 0 })
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger = options.logger === false ? createLogger({ level: 'silent' }) : (options.logger ?? createLogger());
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const allowOrigins = options.allowOrigins ?? DEFAULT_ALLOW_ORIGINS;
  const store = options.store;
  const metrics = createMetrics(() => options.ruleSet().rules.size);
  const deduper = createDeduper(store.deliveries, {
    ...(options.dedupeHeaders ? { headers: options.dedupeHeaders } : {}),
    ...(options.dedupeWindowMs !== undefined ? { windowMs: options.dedupeWindowMs } : {}),
    ...(options.dedupeNow ? { now: options.dedupeNow } : {}),
  });
  prepareWebhookResponses(options.ruleSet());
  const webhooks: WebhookHandlerOptions = {
    ruleSet: options.ruleSet,
    store,
    processor: options.processor,
    auth: options.auth,
    bodyLimit,
    logger,
    metrics,
    allowOrigins,
    closing: false,
    textPlainAsJson: options.textPlainAsJson === true,
    validateTriggerPayload: options.validateTriggerPayload !== false,
    webhookSecrets: options.webhookSecrets ?? storeSecretLookup(store.kv),
    deduper,
  };
  const webhookHandler = createWebhookHandler(webhooks);
  // Webhook paths with other methods (OPTIONS) still reach fastify: its router rejects what Python's unquote
  // accepts (`%zz`, `%ff`), so those URLs reach the router with every `%` escaped and the log reads the original.
  const originalUrls = new WeakMap<IncomingMessage, string>();
  const urlOf = (request: FastifyRequest): string => originalUrls.get(request.raw) ?? request.url;

  // Typed as fastify's base logger so the instance type matches FastifyInstance's default everywhere.
  const baseLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: baseLogger,
    // Our onResponse hook logs each request once, with the URL's credentials masked.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    exposeHeadRoutes: false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // The wildcard routes (`/*`) take paths of any length and spelling, as they did before.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 100_000 },
    forceCloseConnections: 'idle',
    serverFactory: (fastifyHandler) => createHttpServer(webhookHandler, fastifyHandler),
    rewriteUrl(req) {
      const url = req.url ?? '/';
      if (!url.includes('%')) return url;
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      if (!WEBHOOK_PATH.test(path)) return url;
      originalUrls.set(req, url);
      return path.replaceAll('%', '%25') + (q === -1 ? '' : url.slice(q));
    },
  });
  // From here on webhook answers close their connections, so app.close() does not wait for idle keep-alive
  // sockets; requests arriving now get fastify's 503 (return503OnClosing) on every path.
  app.addHook('preClose', (done) => {
    webhooks.closing = true;
    done();
  });

  // Who each authenticated request is (a re-run records its requester in the new execution's context).
  const users = new WeakMap<FastifyRequest, string>();
  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const query = splitUrl(urlOf(request)).query;
    const outcome = await checkAuth(store, options.auth, request.headers, query);
    if (!outcome.ok) {
      await sendFault(reply, outcome.fault);
      return;
    }
    if (outcome.user !== undefined) users.set(request, outcome.user);
    if (outcome.setCookie !== undefined) void reply.header('Set-Cookie', outcome.setCookie);
  };

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-ID', request.id);
    void reply.headers(corsHeaders(request.headers.origin, allowOrigins));
    await Promise.resolve();
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({
      route: request.routeOptions.url ?? 'none',
      method: request.method,
      status: String(reply.statusCode),
    });
    request.log.info(
      {
        method: request.method,
        url: redactUrl(urlOf(request)),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 1000) / 1000,
      },
      'request',
    );
    await Promise.resolve();
  });

  app.setNotFoundHandler((_request, reply) => sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE')));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = errorAnswer(error, bodyLimit);
    if (answer.unexpected) request.log.error({ err: error }, 'unhandled error');
    return reply.code(answer.status).type('application/json').send({ faultstring: answer.faultstring });
  });

  // CORS preflight on any path, without auth.
  app.options('/*', (_request, reply) => reply.code(200).send(''));
  app.get('/healthz', () => ({ status: 'ok', generation: options.ruleSet().generation }));
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  // The webhook methods on any other path: 404 before the body is read, as StackStorm's router answers.
  const noRoute = async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE'));
  app.route({ method: [...WEBHOOK_METHODS], url: '/*', onRequest: noRoute, handler: noRoute });

  const context = {
    ruleSet: options.ruleSet,
    store,
    authenticate,
    userOf: (request: FastifyRequest) => users.get(request),
    processor: options.processor,
    ...(options.tokens ? { tokens: options.tokens } : {}),
  };
  if (options.extraRoutes !== false) for (const plugin of routePlugins) await plugin(app, context);
  for (const plugin of options.routes ?? []) await plugin(app, context);
  metricsOf.set(app, metrics);
  return app;
}

/** The metrics of a server made by createServer (for processors that record match durations). */
export function serverMetrics(app: FastifyInstance): RuntimeMetrics | undefined {
  return metricsOf.get(app);
}
