// Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">[,v1=…][,v0=…]`.
// Several v1 entries appear while Stripe rolls a secret; any one matching is enough. Other schemes
// (v0 = test-mode legacy) are ignored, as Stripe's libraries do.
// https://docs.stripe.com/webhooks#verify-manually
import { bytesEqual, decodeHex, hmac } from '../crypto.ts';
import { checkTimestamp, parseUnixSeconds } from '../timestamp.ts';
import type { SignedRequest, StripeScheme, VerifyResult } from '../../model/index.ts';
import { fail, requireHeader } from './common.ts';

const HEADER = 'Stripe-Signature';

export function verifyStripe(options: StripeScheme, request: SignedRequest, secrets: readonly string[]): VerifyResult {
  const found = requireHeader(request, HEADER);
  if ('ok' in found) return found;
  let t: string | undefined;
  const signatures: Buffer[] = [];
  for (const item of found.value.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) return fail('format', `header ${HEADER} has an element without key=value`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined) return fail('format', `header ${HEADER} has more than one t=`);
      t = value;
    } else if (key === 'v1') {
      const bytes = decodeHex(value);
      if (bytes === undefined) return fail('format', `header ${HEADER} has a v1= value that is not a hex digest`);
      signatures.push(bytes);
    }
  }
  if (t === undefined) return fail('format', `header ${HEADER} has no t= timestamp`);
  const seconds = parseUnixSeconds(t);
  if (seconds === undefined) return fail('format', `header ${HEADER} has a t= that is not a Unix timestamp in seconds`);
  if (signatures.length === 0) return fail('format', `header ${HEADER} has no v1= signature`);
  const content = [Buffer.from(`${t}.`, 'latin1'), request.rawBody];
  let matched = false;
  for (const secret of secrets) {
    const expected = hmac('sha256', secret, content);
    for (const given of signatures) if (bytesEqual(expected, given)) matched = true;
  }
  // Signature first, then tolerance: the order Stripe's own libraries use.
  if (!matched)
    return fail(
      'signature',
      `header ${HEADER} has no v1= signature matching the request signed with the configured secret`,
    );
  return checkTimestamp(seconds, request.now ?? new Date(), options.tolerance, `header ${HEADER} t=`);
}
