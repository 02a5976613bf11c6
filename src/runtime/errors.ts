// How the runtime answers errors: faults from the catalogue (src/diagnostics/http-fault.ts), thrown or mapped.
import { httpFault } from '../diagnostics/index.ts';
import type { HttpFault } from '../diagnostics/index.ts';

// Built in diagnostics (the catalogue's side); re-exported for the runtime's files.
export { httpFault, type HttpFault };

/** Thrown inside request handling; the error handler turns it into `{"faultstring": ...}`. */
export class HttpFaultError extends Error {
  readonly fault: HttpFault;
  constructor(fault: HttpFault) {
    super(fault.faultstring);
    this.fault = fault;
  }
}

/** What a thrown error answers: `unexpected` ones (bugs, not a client's fault) are logged as `unhandled error`. */
export interface ErrorAnswer {
  status: number;
  faultstring: string;
  unexpected: boolean;
}

/**
 * The one mapping of thrown errors to answers, for fastify's error handler and the webhook handler alike: our
 * faults as they are, fastify's body limit as RULES_HTTP_BODY_TOO_LARGE, other client errors (4xx with a
 * statusCode, e.g. fastify's bad URL) with their message, anything else RULES_HTTP_INTERNAL.
 */
export function errorAnswer(error: unknown, bodyLimit: number): ErrorAnswer {
  if (error instanceof HttpFaultError)
    return { status: error.fault.status, faultstring: error.fault.faultstring, unexpected: false };
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  const known = (fault: HttpFault): ErrorAnswer => ({
    status: fault.status,
    faultstring: fault.faultstring,
    unexpected: false,
  });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return known(httpFault('RULES_HTTP_BODY_TOO_LARGE', { limit: bodyLimit }));
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, faultstring: String(e.message), unexpected: false };
  }
  const internal = httpFault('RULES_HTTP_INTERNAL');
  return { status: internal.status, faultstring: internal.faultstring, unexpected: true };
}
