// Case-insensitive header lookup over Node's header object (or any casing a caller passes).
import type { SignedRequest } from '../model/index.ts';

/** A header's value: `undefined` when absent, `{ duplicate: true }` when sent more than once. */
export type HeaderValue = string | undefined | { duplicate: true };

/**
 * Finds a header by name, whatever its casing. A signature header sent twice is ambiguous (which one
 * was checked?), so callers treat it as a format failure rather than picking one.
 */
export function getHeader(headers: SignedRequest['headers'], name: string): HeaderValue {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 1) return { duplicate: true };
      if (value.length === 0) continue;
      if (found !== undefined) return { duplicate: true };
      found = value[0];
    } else {
      if (found !== undefined) return { duplicate: true };
      found = value;
    }
  }
  return found;
}
