// Bounds that keep a render finite whatever the payload: total loop iterations, output size.
import { PyError } from '../python/index.ts';

export const MAX_ITERATIONS = 100_000;
export const MAX_OUTPUT = 1 << 20;
/** Jinja's sandbox caps range() at 100000 items. */
export const MAX_RANGE = 100_000;

export function outputTooLarge(): never {
  throw new PyError('OverflowError', `template output exceeds ${MAX_OUTPUT} characters`);
}
export function tooManyIterations(): never {
  throw new PyError('OverflowError', `template loops exceed ${MAX_ITERATIONS} iterations`);
}
