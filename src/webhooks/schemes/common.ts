// Small pieces every scheme uses: reading a required header, failing with a named check.
import { getHeader } from '../headers.ts';
import type { SignedRequest, VerifyCheck, VerifyResult } from '../../model/index.ts';

export type Failure = { ok: false; check: VerifyCheck; message: string };

export function fail(check: VerifyCheck, message: string): Failure {
  return { ok: false, check, message };
}

export const OK: VerifyResult = { ok: true };

/** A header that must be present exactly once, or the failure to return. */
export function requireHeader(request: SignedRequest, name: string): { value: string } | Failure {
  const value = getHeader(request.headers, name);
  if (value === undefined || value === '') return fail('header', `missing header ${name}`);
  if (typeof value !== 'string') return fail('format', `header ${name} was sent more than once`);
  return { value };
}

/** Header values reach Node as latin1 strings; this gives back the bytes that were sent, for signed content. */
export function headerBytes(value: string): Buffer {
  return Buffer.from(value, 'latin1');
}
