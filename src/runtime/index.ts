// Public surface of the runtime: the webhook API server and what it is made of.
export { createServer, serverMetrics, DEFAULT_BODY_LIMIT } from './server.ts';
export type { ServerOptions } from './server.ts';
export { createMatchingProcessor } from './matching-processor.ts';
export { authenticate, findCredential } from './auth.ts';
export type { AuthOptions, AuthOutcome } from './auth.ts';
export { createLogger, redactUrl } from './logger.ts';
export { httpFault, HttpFaultError } from './errors.ts';
export { listWebhooks, getWebhook, triggerView } from './listing.ts';
export type { TriggerView } from './listing.ts';
export { parseWebhookBody, parseQs } from './parse-body.ts';
export { webobHeaderName, payloadHeaders } from './headers.ts';
export { matchRoute, splitUrl, pyUnquote } from './paths.ts';
export { datastoreProvider, storeSecretLookup } from './datastore.ts';
export type { DatastoreSnapshot } from './datastore.ts';
export { createDeduper, DEFAULT_DEDUPE_HEADERS, DEFAULT_DEDUPE_WINDOW_MS, DUPLICATE_HEADER } from './dedupe.ts';
export type { Deduper, DedupeOptions } from './dedupe.ts';
export { routePlugins } from './routes/index.ts';
export type { RouteContext, RoutePlugin } from './routes/index.ts';
