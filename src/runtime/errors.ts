// The runtime's only way to answer an error: a catalogue code (src/diagnostics/codes/http.ts) plus parameters.
import { httpErrors } from '../diagnostics/codes/http.ts';
import type { HttpErrorCode } from '../diagnostics/codes/http.ts';

export interface HttpFault {
  code: HttpErrorCode;
  status: number;
  faultstring: string;
}

/** Fills `{name}` placeholders; a missing parameter is a bug in the caller. */
export function httpFault(code: HttpErrorCode, params: Record<string, string | number> = {}): HttpFault {
  const def = httpErrors[code];
  const faultstring = def.message.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`${code}: missing parameter ${name}`);
    return String(params[name]);
  });
  return { code, status: def.status, faultstring };
}

/** Thrown inside request handling; the error handler turns it into `{"faultstring": ...}`. */
export class HttpFaultError extends Error {
  readonly fault: HttpFault;
  constructor(fault: HttpFault) {
    super(fault.faultstring);
    this.fault = fault;
  }
}
