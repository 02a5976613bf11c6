// Replay protection shared by the timestamped schemes (Slack, Stripe, Standard Webhooks, generic recipe).
import type { VerifyResult } from '../model/index.ts';

/** Default tolerance in seconds: the five minutes Slack, Stripe and Standard Webhooks all recommend. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const DIGITS = /^[0-9]{1,15}$/;

/** Parses a Unix timestamp in whole seconds; anything else (signs, decimals, spaces) is undefined. */
export function parseUnixSeconds(text: string): number | undefined {
  return DIGITS.test(text) ? Number(text) : undefined;
}

/** Checks a timestamp (seconds) against now ± tolerance; a request from the future is as suspect as a stale one. */
export function checkTimestamp(seconds: number, now: Date, tolerance: number, what: string): VerifyResult {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const age = nowSeconds - seconds;
  if (age > tolerance) {
    return {
      ok: false,
      check: 'timestamp',
      message: `${what} is ${age}s old, more than the tolerance of ${tolerance}s`,
    };
  }
  if (-age > tolerance) {
    return {
      ok: false,
      check: 'timestamp',
      message: `${what} is ${-age}s in the future, more than the tolerance of ${tolerance}s`,
    };
  }
  return { ok: true };
}
