// Every route of the web console (issue 19), registered here and nowhere else:
//   GET  /                                   302 to /console/
//   GET  /console                            301 to /console/
//   GET  /console/                           the page (no-cache, ETag)
//   GET  /console/assets/<name>.<hash>.<ext>  script and style (immutable)
//   GET  /console/errors                     docs/errors.md as a page, for the diagnostics' links
//   GET  /v1/activity[?since=1h]             counts since then (authenticated, like every /v1 route)
//   GET  /v1/triggerinstances/<id>/explain[?rule=<ref>]   "Why not?": the tester's explain, server-side
//   POST /v1/executions/<id>/re_run          StackStorm's re-run: {parameters?}, ?no_merge=true
// The page and its assets hold no data and need no credentials; everything they show comes from the API, which
// the browser calls with the St2-Api-Key header the user pasted (kept in sessionStorage, never in a URL).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { codes, httpErrors, httpFault } from '../diagnostics/index.ts';
import type { HttpFault } from '../diagnostics/index.ts';
import type { ReRunOutcome, ReRunRequest, TriggerInstanceInput } from '../enforce/index.ts';
import type { RouteContext, RoutePlugin } from '../runtime/index.ts';
import type { ParameterSpec } from '../model/index.ts';
import { resolveTrigger } from '../ruleset/index.ts';
import { parseRetention } from '../store/index.ts';
import type { ExecutionRecord, Store } from '../store/index.ts';
import { consoleBundle, textAsset } from './assets.ts';
import type { Asset, ConsoleBundle } from './assets.ts';
import { errorsPage } from './errors-page.ts';
import { explainInstance } from './explain.ts';
import type { RuleTester } from './explain.ts';

export interface ConsoleOptions {
  /** `rules test`'s tester (src/app/rule-tester.ts), which "Why not?" runs. */
  tester: RuleTester;
  /** The engine's re-run; absent (RULES_ENGINE=off): re_run answers 503. */
  reRun?: (previous: ExecutionRecord, request: ReRunRequest, instance?: TriggerInstanceInput) => Promise<ReRunOutcome>;
  /** Runner parameter schemas, to mask secret runner parameters in explained parameters. */
  runnerSchemas: ReadonlyMap<string, { parameters: Record<string, ParameterSpec> }>;
  /** The bundle (tests inject a failing one); default: built with esbuild on first use. */
  bundle?: () => Promise<ConsoleBundle>;
}

const HOUR_MS = 3_600_000;
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page loads only its own script and style and talks only to its own origin.
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

function sendFault(reply: FastifyReply, fault: HttpFault): FastifyReply {
  return reply.code(fault.status).type('application/json').send({ faultstring: fault.faultstring });
}

/** Sends an asset gzipped when the client takes it, 304 when its ETag is current. */
function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string): FastifyReply {
  void reply.headers({
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (gzip) void reply.header('Content-Encoding', 'gzip');
  return reply.type(asset.type).send(gzip ? asset.gzip : asset.body);
}

function pageRoutes(app: FastifyInstance, bundle: () => Promise<ConsoleBundle>): void {
  const built = async (reply: FastifyReply): Promise<ConsoleBundle | undefined> => {
    try {
      return await bundle();
    } catch (error) {
      reply.log.error({ err: error }, 'the console could not be built');
      await sendFault(reply, httpFault('RULES_HTTP_CONSOLE_UNAVAILABLE', { reason: (error as Error).message }));
      return undefined;
    }
  };
  let errors: { style: string; asset: Asset } | undefined;
  app.get('/', (_request, reply) => reply.redirect('/console/', 302));
  app.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  app.get('/console/', async (request, reply) => {
    const b = await built(reply);
    if (!b) return reply;
    return sendAsset(request, reply.headers(PAGE_HEADERS), b.html, 'no-cache');
  });
  app.get<{ Params: { name: string } }>('/console/assets/:name', async (request, reply) => {
    const b = await built(reply);
    if (!b) return reply;
    const asset = b.assets.get(request.params.name);
    if (!asset) return sendFault(reply, httpFault('RULES_HTTP_NO_ROUTE'));
    return sendAsset(request, reply, asset, IMMUTABLE);
  });
  app.get('/console/errors', async (request, reply) => {
    const b = await built(reply);
    if (!b) return reply;
    const style = [...b.assets.keys()].find((n) => n.endsWith('.css')) ?? '';
    if (errors?.style !== style) {
      errors = { style, asset: textAsset(errorsPage(codes, httpErrors, style), 'text/html; charset=utf-8') };
    }
    return sendAsset(request, reply.headers(PAGE_HEADERS), errors.asset, 'no-cache');
  });
}

/** A query string parameter read as an own property (the query object is untrusted). */
function query(request: FastifyRequest, name: string): string | undefined {
  const q = request.query as Record<string, unknown> | null;
  if (q === null || typeof q !== 'object' || !Object.hasOwn(q, name)) return undefined;
  const value = q[name];
  return typeof value === 'string' ? value : undefined;
}

async function instanceInput(ctx: RouteContext, store: Store, id: string): Promise<TriggerInstanceInput | undefined> {
  const record = await store.triggerInstances.get(id);
  if (!record) return undefined;
  return {
    id: record.id,
    trigger: resolveTrigger(ctx.ruleSet(), record.trigger),
    payload: record.payload,
    traceTag: record.trace_tag,
    occurrenceTime: record.occurrence_time,
  };
}

function apiRoutes(app: FastifyInstance, ctx: RouteContext, options: ConsoleOptions): void {
  const store = ctx.store;
  app.get('/v1/activity', { onRequest: ctx.authenticate }, async (request, reply) => {
    const since = query(request, 'since');
    const ageMs = since === undefined ? HOUR_MS : parseRetention(since);
    if (ageMs === undefined)
      return sendFault(reply, httpFault('RULES_HTTP_QUERY_INVALID', { name: 'since', reason: 'not an age like 1h' }));
    return reply.send(await store.activity(Date.now() - ageMs));
  });

  app.get<{ Params: { id: string } }>(
    '/v1/triggerinstances/:id/explain',
    { onRequest: ctx.authenticate },
    async (request, reply) => {
      const instance = await store.triggerInstances.get(request.params.id);
      if (!instance) return sendFault(reply, httpFault('RULES_HTTP_RESOURCE_NOT_FOUND', { id: request.params.id }));
      const ruleSet = ctx.ruleSet();
      const ref = query(request, 'rule');
      const rule = ref === undefined || ref === '' ? undefined : ruleSet.rules.get(ref);
      if (ref !== undefined && ref !== '' && !rule)
        return sendFault(reply, httpFault('RULES_HTTP_EXPLAIN_RULE_UNKNOWN', { rule: ref }));
      const [datastore, keys] = await Promise.all([store.kv.snapshot(), store.kv.list()]);
      const rules = explainInstance({
        tester: options.tester,
        ruleSet,
        instance,
        ...(rule ? { rule } : {}),
        datastore,
        secrets: keys.filter((k) => k.secret).map((k) => k.value),
        runnerSchemas: options.runnerSchemas,
      });
      const { id, trigger, occurrence_time, status } = instance;
      return reply.send({
        trigger_instance: { id, trigger, occurrence_time, status },
        generation: ruleSet.generation,
        rules,
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/executions/:id/re_run',
    { onRequest: ctx.authenticate },
    async (request, reply) => {
      if (!options.reRun) return sendFault(reply, httpFault('RULES_HTTP_RE_RUN_UNAVAILABLE'));
      const previous = await store.executions.get(request.params.id);
      if (!previous) return sendFault(reply, httpFault('RULES_HTTP_RESOURCE_NOT_FOUND', { id: request.params.id }));
      const body: unknown = request.body ?? {};
      const given: unknown =
        body !== null && typeof body === 'object' && Object.hasOwn(body, 'parameters')
          ? (body as { parameters: unknown }).parameters
          : {};
      if (given !== null && (typeof given !== 'object' || Array.isArray(given)))
        return sendFault(reply, httpFault('RULES_HTTP_RE_RUN_REFUSED', { reason: '"parameters" must be a mapping' }));
      const user = ctx.userOf?.(request);
      const reRunRequest: ReRunRequest = {
        parameters: { ...(given ?? {}) },
        noMerge: query(request, 'no_merge') === 'true',
        ...(user !== undefined ? { user } : {}),
      };
      const origin = previous.trigger_instance
        ? await instanceInput(ctx, store, previous.trigger_instance.id)
        : undefined;
      const outcome = await options.reRun(previous, reRunRequest, origin);
      if ('error' in outcome)
        return sendFault(reply, httpFault('RULES_HTTP_RE_RUN_REFUSED', { reason: outcome.error }));
      return reply.code(201).send(outcome.execution);
    },
  );
}

/** The console as one route plugin for createServer's `routes` (the serve assembly adds it). */
export function consoleRoutes(options: ConsoleOptions): RoutePlugin {
  const bundle = options.bundle ?? consoleBundle();
  return (app, ctx) => {
    pageRoutes(app, bundle);
    apiRoutes(app, ctx, options);
    return Promise.resolve();
  };
}
