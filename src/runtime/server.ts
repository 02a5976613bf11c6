// The webhook API server (spec §1, §2): one wildcard route per method, our own path matching and lookup in the
// current RuleSet (a getter, so a reload swaps it between requests), StackStorm's order of checks and answers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { RuleSet } from '../ruleset/types.ts';
import type { Store } from '../store/index.ts';
import { isoMicros, newObjectId } from '../store/ids.ts';
import type { TriggerInstanceRecord } from '../store/trigger-instances.ts';
import { authenticate as checkAuth } from './auth.ts';
import type { AuthOptions } from './auth.ts';
import { parseWebhookBody } from './body.ts';
import { DEFAULT_ALLOW_ORIGINS, corsHeaders } from './cors.ts';
import { HttpFaultError, httpFault } from './errors.ts';
import type { HttpFault } from './errors.ts';
import { handleGenericWebhook } from './generic.ts';
import { payloadHeaders } from './headers.ts';
import { getWebhook, listWebhooks } from './listing.ts';
import { createLogger, redactUrl } from './logger.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import type { RuntimeMetrics } from './metrics.ts';
import { splitUrl } from './paths.ts';
import type { RouteMatch } from './paths.ts';
import type { TriggerProcessor, TriggerInstanceSubmission } from './processor.ts';
import { routePlugins } from './routes/index.ts';
import type { TokenRouteOptions } from './routes/auth-tokens.ts';
import type { SecretLookup, WebhookOptions } from '../webhooks/index.ts';
import { DUPLICATE_HEADER, createDeduper } from './dedupe.ts';
import { prefetchSecrets, storeSecretLookup } from './datastore.ts';
import type { AsyncSecretLookup } from './datastore.ts';
import { anyRuleMatches, checkWebhookSignature, customAnswer, hasContentType, needsSt2Auth, optionsBody, prepareWebhookResponses, routeRequest } from './webhook-options.ts';

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

interface RequestState {
  route: RouteMatch;
  query: string;
  /** The url's webhook options (packs/<pack>/webhooks/*.yaml), when it has any. */
  options?: WebhookOptions | undefined;
}

const WEBHOOK_PATH = /^\/(?:api\/v1\/|v1\/)?webhooks(?:\/|$)/;
const WEBHOOK_METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

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
  const states = new WeakMap<FastifyRequest, RequestState>();
  const webhookSecrets = options.webhookSecrets ?? storeSecretLookup(store.kv);
  const deduper = createDeduper(store.deliveries, {
    ...(options.dedupeHeaders ? { headers: options.dedupeHeaders } : {}),
    ...(options.dedupeWindowMs !== undefined ? { windowMs: options.dedupeWindowMs } : {}),
    ...(options.dedupeNow ? { now: options.dedupeNow } : {}),
  });
  prepareWebhookResponses(options.ruleSet());
  // Webhook paths as sent: fastify's router rejects what Python's unquote accepts (`%zz`, `%ff`), so webhook
  // URLs reach the router with every `%` escaped and our matcher reads the original.
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
    // Our own matching needs the path as sent (%2F included); fastify's router only sees the wildcard.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 100_000 },
    forceCloseConnections: 'idle',
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

  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const query = splitUrl(urlOf(request)).query;
    const outcome = await checkAuth(store, options.auth, request.headers, query);
    if (!outcome.ok) {
      await sendFault(reply, outcome.fault);
      return;
    }
    if (outcome.setCookie !== undefined) void reply.header('Set-Cookie', outcome.setCookie);
  };

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-ID', request.id);
    void reply.headers(corsHeaders(request.headers.origin, allowOrigins));
    await Promise.resolve();
  });

  app.addHook('onResponse', async (request, reply) => {
    const kind = states.get(request)?.route.kind ?? (request.routeOptions.url ?? 'none');
    metrics.requests.inc({ route: kind, method: request.method, status: String(reply.statusCode) });
    request.log.info({ method: request.method, url: redactUrl(urlOf(request)), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 1000) / 1000 }, 'request');
    await Promise.resolve();
  });

  app.setNotFoundHandler((_request, reply) => sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE')));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpFaultError) return sendFault(reply, error.fault);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendFault(reply, httpFault('RULES_HTTP_BODY_TOO_LARGE', { limit: bodyLimit }));
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).type('application/json').send({ faultstring: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendFault(reply, httpFault('RULES_HTTP_INTERNAL'));
  });

  // CORS preflight on any path, without auth.
  app.options('/*', (_request, reply) => reply.code(200).send(''));
  app.get('/healthz', () => ({ status: 'ok', generation: options.ruleSet().generation }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  await app.register((webhooks, _opts, done) => {
    // One raw-body parser: the bytes are kept as they came (signature checks need them) and parsed in the handler,
    // where the order of checks is StackStorm's (auth before body).
    webhooks.removeAllContentTypeParsers();
    webhooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

    webhooks.addHook('onRequest', async (request, reply) => {
      const { path, query } = splitUrl(urlOf(request));
      const routed = routeRequest(request.method, path, options.ruleSet());
      if (!routed) return sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE'));
      states.set(request, { route: routed.route, query, options: routed.options });
      // `auth: signature` urls are checked on the raw body in the handler instead of with an API key.
      return needsSt2Auth(routed.options) ? authenticate(request, reply) : undefined;
    });

    webhooks.route({
      method: WEBHOOK_METHODS,
      url: '/*',
      handler: async (request, reply) => {
        const state = states.get(request);
        if (!state) return sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE'));
        const ruleSet = options.ruleSet();
        const { route } = state;
        if (route.kind === 'list') return reply.send(listWebhooks(ruleSet));
        if (route.kind === 'get') {
          const view = getWebhook(ruleSet, route.url);
          return view ? reply.send(view) : sendFault(reply, httpFault('RULES_HTTP_WEBHOOK_GET_UNKNOWN'));
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const contentType = request.headers['content-type'];
        // Secrets may live in the store: read them first, the check itself is synchronous.
        const signature = state.options?.auth !== 'st2' ? state.options?.signature : undefined;
        const secrets = signature ? await prefetchSecrets(webhookSecrets, signature.secrets) : () => undefined;
        const signatureFault = checkWebhookSignature(state.options, { hook: route.hook, rawBody: raw, headers: request.headers }, { secrets, metrics });
        if (signatureFault) return sendFault(reply, signatureFault);
        const special = optionsBody(state.options, { method: request.method, rawBody: raw, contentType, query: state.query });
        if (special.kind === 'fault') return sendFault(reply, special.fault);
        if (special.kind === 'body') return dispatch(request, reply, route.hook, special.body, ruleSet, state.options);
        const parsed = parseWebhookBody(raw, contentType, { textPlainAsJson: options.textPlainAsJson === true });
        if (!parsed.ok) return sendFault(reply, parsed.fault);
        return dispatch(request, reply, route.hook, parsed.body, ruleSet, state.options);
      },
    });
    done();
  });

  async function dispatch(request: FastifyRequest, reply: FastifyReply, hook: string, body: unknown, ruleSet: RuleSet, webhookOptions?: WebhookOptions): Promise<FastifyReply> {
    const { headers, headers_lower, traceTag: sentTag } = payloadHeaders(request.raw.rawHeaders, request.id);
    const traceTag = sentTag ?? `webhook-${hook}-${randomUUID().replaceAll('-', '')}`;
    const now = Date.now();
    const occurrenceTime = isoMicros(now);
    const submissions: TriggerInstanceSubmission[] = [];
    let echo: unknown = body;
    if (hook === 'st2' || hook === 'st2/') {
      const generic = handleGenericWebhook(body, ruleSet, options.validateTriggerPayload !== false);
      if (!generic.ok) return sendFault(reply, generic.fault);
      echo = generic.echo;
      if (generic.target) submissions.push({ id: newObjectId(now), trigger: generic.target, payload: generic.payload, traceTag, occurrenceTime });
    } else {
      const entries = ruleSet.webhooks.get(hook);
      if (!entries || entries.length === 0) return sendFault(reply, httpFault('RULES_HTTP_WEBHOOK_NOT_REGISTERED', { hook }));
      const payload = { headers, headers_lower, body };
      for (const trigger of entries) submissions.push({ id: newObjectId(now), trigger, payload, traceTag, occurrenceTime });
    }
    const dedupe = await deduper.check(hook, request.headers, webhookOptions?.dedupeHeader);
    if (dedupe?.duplicate === true) return reply.code(202).header(DUPLICATE_HEADER, 'true').type('application/json').send(JSON.stringify(echo));
    // `response: on_no_match`: match before answering; the instance is stored and processed either way.
    const noMatch = webhookOptions?.response?.kind === 'on_no_match' && !anyRuleMatches(submissions);
    const records: TriggerInstanceRecord[] = submissions.map((s) => ({
      id: s.id,
      trigger: s.trigger.ref,
      payload: s.payload,
      occurrence_time: s.occurrenceTime,
      status: 'pending',
      trace_tag: s.traceTag,
    }));
    try {
      // Durable on accept: the 202 is only sent once these rows are committed.
      await store.commit(records);
    } catch (error) {
      if (dedupe) deduper.release(dedupe.delivery);
      request.log.error({ err: error }, 'store refused the trigger instances');
      return sendFault(reply, httpFault('RULES_HTTP_STORE_UNAVAILABLE', { reason: error instanceof Error ? error.message : String(error) }));
    }
    // Recorded right after the commit, not in its transaction: the commit may run on the writer thread.
    if (dedupe) {
      try {
        await deduper.accepted(dedupe.delivery, records[0]?.id ?? '');
      } catch (error) {
        request.log.error({ err: error, hook }, 'could not record the delivery id');
      }
    }
    metrics.triggerInstances.inc(records.length);
    metrics.webhooksAccepted.inc({ hook });
    for (const s of submissions) {
      try {
        options.processor.submit(s);
      } catch (error) {
        request.log.error({ err: error, triggerInstance: s.id }, 'processor refused a trigger instance');
      }
    }
    if (noMatch) return sendFault(reply, httpFault('RULES_HTTP_WEBHOOK_NO_MATCH', { hook }));
    const custom = webhookOptions ? customAnswer(webhookOptions, hook, submissions[0]?.payload) : undefined;
    if (custom && !custom.ok) {
      request.log.error({ err: custom.error, hook }, 'webhook response template failed');
      return sendFault(reply, custom.fault);
    }
    if (custom) {
      void reply.code(custom.status).headers(custom.headers);
      if (!hasContentType(custom.headers)) void reply.type('text/plain; charset=utf-8');
      // Bytes, so fastify sends the Content-Type exactly as the options file wrote it (no added charset).
      return reply.send(Buffer.from(custom.body, 'utf8'));
    }
    return reply.code(202).type('application/json').send(JSON.stringify(echo));
  }

  if (options.extraRoutes !== false) {
    for (const plugin of routePlugins) await plugin(app, { ruleSet: options.ruleSet, store, authenticate, processor: options.processor, ...(options.tokens ? { tokens: options.tokens } : {}) });
  }
  metricsOf.set(app, metrics);
  return app;
}

/** The metrics of a server made by createServer (for processors that record match durations). */
export function serverMetrics(app: FastifyInstance): RuntimeMetrics | undefined {
  return metricsOf.get(app);
}
