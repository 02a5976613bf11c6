// The webhook API (spec §1, §2) on node's request/response, without fastify: our own path matching and lookup
// in the current RuleSet (a getter, so a reload swaps it between requests), then StackStorm's order of checks
// and answers: route (404), auth (401), body (413, 400), signature, hook (404), dedupe, durable commit (503),
// 202. No hooks, no per-request logger: fastify's per-request machinery alone costs ~28% of bare node:http's
// throughput, measured (bench/README.md, serve). src/runtime/http-server.ts sends webhook paths here.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  RuleSet,
  SecretLookup,
  WebhookOptions,
  TriggerInstanceSubmission,
  TriggerProcessor,
} from '../model/index.ts';
import type { Store, TriggerInstanceRecord } from '../store/index.ts';
import { isoMicros, newObjectId } from '../store/index.ts';
import { authenticate } from './auth.ts';
import type { AuthOptions } from './auth.ts';
import { parseWebhookBody } from './parse-body.ts';
import { prefetchSecrets } from './datastore.ts';
import type { AsyncSecretLookup } from './datastore.ts';
import { DUPLICATE_HEADER } from './dedupe.ts';
import type { Deduper } from './dedupe.ts';
import { errorAnswer, httpFault } from './errors.ts';
import { handleGenericWebhook } from './generic.ts';
import { payloadHeaders } from './headers.ts';
import { getWebhook, listWebhooks } from './listing.ts';
import { splitUrl } from './paths.ts';
import { readRawBody } from './raw-body.ts';
import { Exchange, JSON_TYPE, refuseWhileClosing } from './webhook-exchange.ts';
import type { ExchangeContext } from './webhook-exchange.ts';
import {
  anyRuleMatches,
  checkWebhookSignature,
  customAnswer,
  hasContentType,
  needsSt2Auth,
  optionsBody,
} from '../webhooks/index.ts';
import { routeRequest } from './webhook-route.ts';

export interface WebhookHandlerOptions extends ExchangeContext {
  readonly ruleSet: () => RuleSet;
  readonly store: Store;
  readonly processor: TriggerProcessor;
  readonly auth: AuthOptions;
  readonly bodyLimit: number;
  readonly textPlainAsJson: boolean;
  readonly validateTriggerPayload: boolean;
  readonly webhookSecrets: SecretLookup | AsyncSecretLookup;
  readonly deduper: Deduper;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const EMPTY = Buffer.alloc(0);
const noSecrets: SecretLookup = () => undefined;

/**
 * The request listener of webhook paths. `options` is also the shared context of its exchanges: setting
 * `options.closing` makes every later answer close its connection.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): RequestHandler {
  return (req, res) => {
    if (options.closing) {
      refuseWhileClosing(req, res, options.logger);
      return;
    }
    void answer(new Exchange(req, res, options, options.logger.isLevelEnabled('info')), options);
  };
}

async function answer(ex: Exchange, o: WebhookHandlerOptions): Promise<void> {
  try {
    await answerWebhook(ex, o);
  } catch (error) {
    answerError(ex, o, error);
  }
}

/** A throw anywhere above is the fault fastify's error handler gave; a half-written answer ends the socket instead. */
function answerError(ex: Exchange, o: WebhookHandlerOptions, error: unknown): void {
  try {
    if (ex.res.headersSent) {
      ex.logError({ err: error }, 'unhandled error after the answer started');
      ex.res.destroy();
      return;
    }
    const answer = errorAnswer(error, o.bodyLimit);
    if (answer.unexpected) ex.logError({ err: error }, 'unhandled error');
    ex.send(answer.status, JSON.stringify({ faultstring: answer.faultstring }), JSON_TYPE);
  } catch (secondary) {
    // Even the fault could not be written (a logger or a socket that throws): never leave the socket hanging.
    ex.res.destroy(secondary instanceof Error ? secondary : undefined);
  }
}

async function answerWebhook(ex: Exchange, o: WebhookHandlerOptions): Promise<void> {
  const req = ex.req;
  const method = req.method ?? '';
  const { path, query } = splitUrl(req.url ?? '/');
  const routed = routeRequest(method, path, o.ruleSet());
  if (!routed) return ex.fault(httpFault('RULES_HTTP_NO_ROUTE'));
  const { route, options: webhookOptions } = routed;
  ex.route = route.kind;
  // `auth: signature` urls are checked on the raw body below instead of with an API key.
  if (needsSt2Auth(webhookOptions)) {
    const outcome = await authenticate(o.store, o.auth, req.headers, query);
    if (!outcome.ok) return ex.fault(outcome.fault);
    if (outcome.setCookie !== undefined) ex.setCookie = outcome.setCookie;
  }
  // Read after auth, as the route handler did: a reload between the two is seen here.
  const ruleSet = o.ruleSet();
  if (route.kind === 'list') return ex.send(200, JSON.stringify(listWebhooks(ruleSet)), JSON_TYPE);
  if (route.kind === 'get') {
    const view = getWebhook(ruleSet, route.url);
    return view ? ex.send(200, JSON.stringify(view), JSON_TYPE) : ex.fault(httpFault('RULES_HTTP_WEBHOOK_GET_UNKNOWN'));
  }
  // StackStorm reads the body after auth (spec §1.2); GET deliveries have none (their body is the query).
  let raw: Buffer = EMPTY;
  if (method === 'POST') {
    const read = readRawBody(req, o.bodyLimit);
    const body = read instanceof Promise ? await read : read;
    if (body === 'aborted') return;
    if (body === 'too-large') {
      ex.closeConnection = true;
      return ex.fault(httpFault('RULES_HTTP_BODY_TOO_LARGE', { limit: o.bodyLimit }));
    }
    raw = body;
  }
  const contentType = req.headers['content-type'];
  // Secrets may live in the store: read them first, the check itself is synchronous.
  const signature = webhookOptions?.auth !== 'st2' ? webhookOptions?.signature : undefined;
  const secrets = signature ? await prefetchSecrets(o.webhookSecrets, signature.secrets) : noSecrets;
  const signatureFault = checkWebhookSignature(
    webhookOptions,
    { hook: route.hook, rawBody: raw, headers: req.headers },
    { secrets, metrics: o.metrics },
  );
  if (signatureFault) return ex.fault(signatureFault);
  const special = optionsBody(webhookOptions, { method, rawBody: raw, contentType, query });
  if (special.kind === 'fault') return ex.fault(special.fault);
  if (special.kind === 'body') return dispatch(ex, o, route.hook, special.body, ruleSet, webhookOptions);
  const parsed = parseWebhookBody(raw, contentType, { textPlainAsJson: o.textPlainAsJson });
  if (!parsed.ok) return ex.fault(parsed.fault);
  return dispatch(ex, o, route.hook, parsed.body, ruleSet, webhookOptions);
}

async function dispatch(
  ex: Exchange,
  o: WebhookHandlerOptions,
  hook: string,
  body: unknown,
  ruleSet: RuleSet,
  webhookOptions: WebhookOptions | undefined,
): Promise<void> {
  const req = ex.req;
  const { headers, headers_lower, traceTag: sentTag } = payloadHeaders(req.rawHeaders, ex.id);
  const traceTag = sentTag ?? `webhook-${hook}-${randomUUID().replaceAll('-', '')}`;
  const now = Date.now();
  const occurrenceTime = isoMicros(now);
  const submissions: TriggerInstanceSubmission[] = [];
  let echo: unknown = body;
  if (hook === 'st2' || hook === 'st2/') {
    const generic = handleGenericWebhook(body, ruleSet, o.validateTriggerPayload);
    if (!generic.ok) return ex.fault(generic.fault);
    echo = generic.echo;
    if (generic.target)
      submissions.push({
        id: newObjectId(now),
        trigger: generic.target,
        payload: generic.payload,
        traceTag,
        occurrenceTime,
      });
  } else {
    const entries = ruleSet.webhooks.get(hook);
    if (!entries || entries.length === 0) return ex.fault(httpFault('RULES_HTTP_WEBHOOK_NOT_REGISTERED', { hook }));
    const payload = { headers, headers_lower, body };
    for (const trigger of entries)
      submissions.push({ id: newObjectId(now), trigger, payload, traceTag, occurrenceTime });
  }
  const dedupe = await o.deduper.check(hook, req.headers, webhookOptions?.dedupeHeader);
  if (dedupe?.duplicate === true) return ex.send(202, echoText(echo), JSON_TYPE, DUPLICATE);
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
    await o.store.commit(records);
  } catch (error) {
    if (dedupe) o.deduper.release(dedupe.delivery);
    ex.logError({ err: error }, 'store refused the trigger instances');
    return ex.fault(
      httpFault('RULES_HTTP_STORE_UNAVAILABLE', { reason: error instanceof Error ? error.message : String(error) }),
    );
  }
  // Recorded right after the commit, not in its transaction: the commit may run on the writer thread.
  if (dedupe) {
    try {
      await o.deduper.accepted(dedupe.delivery, records[0]?.id ?? '');
    } catch (error) {
      ex.logError({ err: error, hook }, 'could not record the delivery id');
    }
  }
  o.metrics.triggerInstances.inc(records.length);
  o.metrics.webhooksAccepted.inc({ hook });
  for (const s of submissions) {
    try {
      o.processor.submit(s);
    } catch (error) {
      ex.logError({ err: error, triggerInstance: s.id }, 'processor refused a trigger instance');
    }
  }
  if (noMatch) return ex.fault(httpFault('RULES_HTTP_WEBHOOK_NO_MATCH', { hook }));
  const custom = webhookOptions ? customAnswer(webhookOptions, hook, submissions[0]?.payload) : undefined;
  if (custom && !custom.ok) {
    ex.logError({ err: custom.error, hook }, 'webhook response template failed');
    return ex.fault(custom.fault);
  }
  // Bytes with the Content-Type exactly as the options file wrote it (no charset added); text/plain otherwise.
  if (custom)
    return ex.send(
      custom.status,
      Buffer.from(custom.body, 'utf8'),
      hasContentType(custom.headers) ? undefined : 'text/plain; charset=utf-8',
      custom.headers,
    );
  return ex.send(202, echoText(echo), JSON_TYPE);
}

const DUPLICATE: Readonly<Record<string, string>> = { [DUPLICATE_HEADER]: 'true' };

/** The echo as JSON; a value JSON cannot write (undefined) is an empty body, as fastify sent it. */
const echoText = (echo: unknown): string => JSON.stringify(echo) ?? '';
