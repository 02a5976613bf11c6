// Standard Webhooks (https://www.standardwebhooks.com, spec.md "Verifying webhook authenticity"):
// `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`, several
// space-separated signatures while the sender rotates keys; secrets are `whsec_<base64 key>`.
import { bytesEqual, decodeBase64, hmac } from '../crypto.ts';
import { checkTimestamp, parseUnixSeconds } from '../timestamp.ts';
import type { SignedRequest, StandardWebhooksScheme, VerifyResult } from '../../model/index.ts';
import { fail, headerBytes, requireHeader } from './common.ts';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a `whsec_…` secret (the prefix is optional, as in the reference libraries). */
export function standardWebhooksKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = decodeBase64(encoded);
  return key !== undefined && key.length > 0 ? key : undefined;
}

export function verifyStandardWebhooks(
  options: StandardWebhooksScheme,
  request: SignedRequest,
  secrets: readonly string[],
): VerifyResult {
  const id = requireHeader(request, ID);
  if ('ok' in id) return id;
  const timestamp = requireHeader(request, TIMESTAMP);
  if ('ok' in timestamp) return timestamp;
  const signature = requireHeader(request, SIGNATURE);
  if ('ok' in signature) return signature;
  const seconds = parseUnixSeconds(timestamp.value);
  if (seconds === undefined) return fail('format', `header ${TIMESTAMP} is not a Unix timestamp in seconds`);

  const given: Buffer[] = [];
  for (const entry of signature.value.split(' ')) {
    if (entry === '') continue;
    const comma = entry.indexOf(',');
    if (comma <= 0) return fail('format', `header ${SIGNATURE} has an entry that is not <version>,<signature>`);
    // Other versions (v1a = asymmetric ed25519) are skipped, as the reference libraries do.
    if (entry.slice(0, comma) !== 'v1') continue;
    const bytes = decodeBase64(entry.slice(comma + 1));
    if (bytes === undefined) return fail('format', `header ${SIGNATURE} has a v1 signature that is not base64`);
    given.push(bytes);
  }
  if (given.length === 0) return fail('format', `header ${SIGNATURE} has no v1 signature`);

  const keys: Buffer[] = [];
  for (const secret of secrets) {
    const key = standardWebhooksKey(secret);
    if (key === undefined) return fail('secret', 'a configured secret is not a whsec_ base64 key');
    keys.push(key);
  }
  const content = [
    headerBytes(id.value),
    Buffer.from('.'),
    headerBytes(timestamp.value),
    Buffer.from('.'),
    request.rawBody,
  ];
  let matched = false;
  for (const key of keys) {
    const expected = hmac('sha256', key, content);
    for (const candidate of given) if (bytesEqual(expected, candidate)) matched = true;
  }
  if (!matched)
    return fail(
      'signature',
      `header ${SIGNATURE} has no v1 signature matching the request signed with the configured secret`,
    );
  return checkTimestamp(seconds, request.now ?? new Date(), options.tolerance, `header ${TIMESTAMP}`);
}
