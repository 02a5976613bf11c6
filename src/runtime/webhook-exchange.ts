// One webhook request and its answer on node's own request/response: what every answer carries (X-Request-ID,
// CORS, the auth cookie), written with one writeHead + end, then counted and logged once, as fastify's hooks
// did for the other routes (src/runtime/server.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, allowedOrigin } from './cors.ts';
import type { HttpFault } from './errors.ts';
import { redactUrl } from './logger.ts';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics.ts';
import type { BodyReservation } from './body-budget.ts';

/** What the exchanges of one server share. */
export interface ExchangeContext {
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly allowOrigins: readonly string[];
  /** Set when the server starts closing: answers then say `Connection: close` so shutdown need not wait for idle keep-alive sockets. */
  closing: boolean;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
/** Metric route label of webhook-path requests that match no route (what fastify's wildcard route reported). */
export const NO_ROUTE_LABEL = '/*';

export class Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ctx: ExchangeContext;
  /** The client's X-Request-ID, else a new uuid (RequestIDMiddleware). */
  readonly id: string;
  readonly start: number;
  /** Metrics label: the route kind once routed. */
  route = NO_ROUTE_LABEL;
  /** Set by a token credential (spec §2); carried by every later answer of this request. */
  setCookie: string | undefined = undefined;
  /** The body was not read to its end: the connection cannot carry another request. */
  closeConnection = false;
  /** Bytes of this request's unauthenticated body held against the shared budget, released when answered. */
  reservation: BodyReservation | undefined = undefined;

  constructor(req: IncomingMessage, res: ServerResponse, ctx: ExchangeContext, infoEnabled: boolean) {
    this.req = req;
    this.res = res;
    this.ctx = ctx;
    const sent = req.headers['x-request-id'];
    this.id = typeof sent === 'string' && sent !== '' ? sent : randomUUID();
    this.start = infoEnabled ? performance.now() : 0;
  }

  /** `{"faultstring": ...}` with the fault's status. */
  fault(fault: HttpFault): void {
    this.send(fault.status, JSON.stringify({ faultstring: fault.faultstring }), JSON_TYPE);
  }

  /**
   * Writes the answer: our headers, then `extra` (names lower-cased, so a custom Content-Type replaces ours),
   * then Content-Length of the body actually sent. A HEAD answer keeps its headers; node drops the body.
   */
  send(
    status: number,
    body: string | Buffer,
    contentType: string | undefined,
    extra?: Readonly<Record<string, string>>,
  ): void {
    const res = this.res;
    if (res.headersSent) return;
    const headers: OutgoingHttpHeaders = {
      'x-request-id': this.id,
      'access-control-allow-origin': allowedOrigin(this.req.headers.origin, this.ctx.allowOrigins),
      'access-control-allow-methods': CORS_ALLOW_METHODS,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    };
    if (this.setCookie !== undefined) headers['set-cookie'] = this.setCookie;
    if (extra !== undefined) {
      // Names come from options files: own data properties, so `__proto__` stays a plain (refused) name.
      for (const name of Object.keys(extra))
        Object.defineProperty(headers, name.toLowerCase(), {
          value: extra[name],
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    if (contentType !== undefined) headers['content-type'] = contentType;
    headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (this.closeConnection || this.ctx.closing) headers['connection'] = 'close';
    res.writeHead(status, headers);
    res.end(body);
    this.finished(status);
  }

  /** One count and one log line per request (the URL's credentials masked), as the onResponse hook does. */
  finished(status: number): void {
    const { metrics, logger } = this.ctx;
    const req = this.req;
    metrics.requests.inc({ route: this.route, method: req.method ?? '', status: String(status) });
    if (logger.isLevelEnabled('info')) {
      logger.info(
        {
          reqId: this.id,
          method: req.method,
          url: redactUrl(req.url ?? '/'),
          status,
          ms: Math.round((performance.now() - this.start) * 1000) / 1000,
        },
        'request',
      );
    }
  }

  /** Logs with the request's id, like fastify's request logger. */
  logError(fields: Record<string, unknown>, message: string): void {
    this.ctx.logger.error({ reqId: this.id, ...fields }, message);
  }
}

/** fastify's answer to requests that arrive while the server closes (`return503OnClosing`), kept for webhook paths. */
export function refuseWhileClosing(req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const body = '{"error":"Service Unavailable","message":"Service Unavailable","statusCode":503}';
  res.writeHead(503, { 'content-type': 'application/json', 'content-length': body.length, connection: 'close' });
  res.end(body);
  if (logger.isLevelEnabled('info')) {
    const sent = req.headers['x-request-id'];
    logger.info(
      { reqId: typeof sent === 'string' && sent !== '' ? sent : randomUUID(), res: { statusCode: 503 } },
      'request aborted - refusing to accept new requests as server is closing',
    );
  }
}
