// The runtime side of webhook options (packs/<pack>/webhooks/*.yaml, issue 9): whether StackStorm's API key
// check applies, the signature check over the raw bytes, the body under `methods`/`form`, and the custom or
// on_no_match answer. The webhook handler calls these at fixed points so that urls without options behave
// exactly as StackStorm's.
import type { IncomingHttpHeaders } from 'node:http';
import type { RuleSet, TriggerEntry, SecretLookup, WebhookOptions, TriggerInstanceSubmission } from '../model/index.ts';
import { compileTemplate } from '../template/index.ts';
import type { Template } from '../template/index.ts';
import { normaliseUrl } from './url.ts';
import { webhookBody } from './options-body.ts';
import { envSecretLookup } from './secrets.ts';
import { verifySignature } from './verify.ts';
import { httpFault } from '../diagnostics/index.ts';
import type { HttpFault } from '../diagnostics/index.ts';

/** The options of a hook (as matched from the path), looked up by `url.strip('/')` like the Triggers. */
export function webhookOptionsFor(ruleSet: RuleSet, hook: string): WebhookOptions | undefined {
  return ruleSet.webhookOptions?.get(normaliseUrl(hook));
}

/** StackStorm's API key/token check applies unless the url is `auth: signature` only. */
export function needsSt2Auth(options: WebhookOptions | undefined): boolean {
  return options?.auth !== 'signature';
}

export interface SignatureContext {
  secrets: SecretLookup;
  /** The runtime's counter of refused signatures (src/runtime/metrics.ts). */
  metrics: { webhookSignatureFailures: { inc(labels: { hook: string; check: string }): void } };
}

/**
 * Environment variables only: `{datastore: KEY}` references resolve to nothing here. The server's default is
 * storeSecretLookup (src/runtime/datastore.ts), which also reads the store's system-scope keys.
 */
export function defaultSecretLookup(env: Readonly<Record<string, string | undefined>> = process.env): SecretLookup {
  return envSecretLookup(env);
}

/** The 401 fault when the url wants a signature and the raw bytes do not carry a valid one; undefined = passed. */
export function checkWebhookSignature(
  options: WebhookOptions | undefined,
  request: { hook: string; rawBody: Buffer; headers: IncomingHttpHeaders },
  context: SignatureContext,
): HttpFault | undefined {
  if (!options || options.auth === 'st2' || !options.signature) return undefined;
  const result = verifySignature(
    options.signature,
    { rawBody: request.rawBody, headers: request.headers },
    context.secrets,
  );
  if (result.ok) return undefined;
  context.metrics.webhookSignatureFailures.inc({ hook: options.normalizedUrl, check: result.check });
  return httpFault('RULES_HTTP_WEBHOOK_SIGNATURE', { check: result.check, message: result.message });
}

/** The body under the url's `methods`/`form`, or `default` for StackStorm's parsing. */
export function optionsBody(
  options: WebhookOptions | undefined,
  request: { method: string; rawBody: Buffer; contentType: string | undefined; query: string },
): { kind: 'default' } | { kind: 'body'; body: unknown } | { kind: 'fault'; fault: HttpFault } {
  const result = webhookBody(options, request);
  if (result.kind === 'error')
    return { kind: 'fault', fault: httpFault('RULES_HTTP_BODY_PARSE', { reason: result.message }) };
  if (result.kind === 'body' && request.method === 'GET')
    return { kind: 'body', body: withoutCredentials(result.body) };
  return result;
}

/** Query credentials StackStorm reads (auth.ts): a GET body never carries them into the stored trigger instance. */
const QUERY_CREDENTIALS = ['st2-api-key', 'x-auth-token'];

function withoutCredentials(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  for (const key of QUERY_CREDENTIALS) if (Object.hasOwn(record, key)) Reflect.deleteProperty(record, key);
  return record;
}

const isEntry = (t: TriggerInstanceSubmission['trigger']): t is TriggerEntry => 'matcher' in t;

/**
 * `response: on_no_match`: matches synchronously, before the answer, with the same matchers the processor
 * uses. A rule whose criteria fail with an error counts as not matched (StackStorm records it as failed).
 */
export function anyRuleMatches(submissions: readonly TriggerInstanceSubmission[]): boolean {
  for (const s of submissions) {
    if (!isEntry(s.trigger)) continue;
    const result = s.trigger.matcher.match(s.payload, { triggerInstanceId: s.id });
    if (result.matched.length > 0) return true;
  }
  return false;
}

/** Templates compiled once per options object (a reload brings new objects, so no stale template survives). */
const templates = new WeakMap<WebhookOptions, Template | Error>();

function responseTemplate(options: WebhookOptions, source: string): Template | Error {
  const cached = templates.get(options);
  if (cached) return cached;
  const compiled = compileTemplate(source, { names: ['trigger'] });
  // The pack compiler reports these as diagnostics; a rule set built without it still must not crash here.
  const value =
    compiled.value ?? new Error(compiled.diagnostics.map((d) => d.message).join('; ') || 'invalid template');
  templates.set(options, value);
  return value;
}

/** Compiles the response template of every options object of a rule set, so the first request pays nothing. */
export function prepareWebhookResponses(ruleSet: RuleSet): void {
  for (const options of ruleSet.webhookOptions?.values() ?? []) {
    if (options.response?.kind === 'custom' && options.response.body !== undefined)
      responseTemplate(options, options.response.body);
  }
}

export type CustomAnswer =
  | { ok: true; status: number; headers: Readonly<Record<string, string>>; body: string }
  | { ok: false; fault: HttpFault; error: unknown };

/** The url's own answer instead of the echo; `trigger` (headers, headers_lower, body) is in scope of the body. */
export function customAnswer(options: WebhookOptions, hook: string, payload: unknown): CustomAnswer | undefined {
  const response = options.response;
  if (response?.kind !== 'custom') return undefined;
  let body = '';
  if (response.body !== undefined) {
    const template = responseTemplate(options, response.body);
    try {
      if (template instanceof Error) throw template;
      body = template.render({ trigger: payload });
    } catch (error) {
      const reason =
        error instanceof Error
          ? `${'pyClass' in error && typeof error.pyClass === 'string' ? `${error.pyClass}: ` : ''}${error.message}`
          : String(error);
      return { ok: false, fault: httpFault('RULES_HTTP_WEBHOOK_RESPONSE_RENDER', { hook, reason }), error };
    }
  }
  return { ok: true, status: response.status, headers: response.headers, body };
}

/** Whether the headers of a custom answer set Content-Type (any casing). */
export function hasContentType(headers: Readonly<Record<string, string>>): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
}
