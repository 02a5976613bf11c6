// An HTTP error answer built from the catalogue (src/diagnostics/codes/http.ts): a code plus parameters, the
// only way the runtime (and the webhook options it applies) answers an error.
import { httpErrors } from './codes/http.ts';
import type { HttpErrorCode } from './codes/http.ts';

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
