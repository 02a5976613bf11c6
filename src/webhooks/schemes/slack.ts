// Slack signing secrets, version v0: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">`
// with `X-Slack-Request-Timestamp` in Unix seconds, rejected outside the tolerance (replay protection).
// https://api.slack.com/authentication/verifying-requests-from-slack
import { bytesEqual, decodeHex, hmac } from '../crypto.ts';
import { checkTimestamp, parseUnixSeconds } from '../timestamp.ts';
import type { SignedRequest, SlackScheme, VerifyResult } from '../../model/index.ts';
import { fail, headerBytes, requireHeader } from './common.ts';

const SIGNATURE_HEADER = 'X-Slack-Signature';
const TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';

export function verifySlack(options: SlackScheme, request: SignedRequest, secrets: readonly string[]): VerifyResult {
  const signature = requireHeader(request, SIGNATURE_HEADER);
  if ('ok' in signature) return signature;
  const timestamp = requireHeader(request, TIMESTAMP_HEADER);
  if ('ok' in timestamp) return timestamp;
  const seconds = parseUnixSeconds(timestamp.value);
  if (seconds === undefined) return fail('format', `header ${TIMESTAMP_HEADER} is not a Unix timestamp in seconds`);
  if (!signature.value.startsWith('v0=')) return fail('format', `header ${SIGNATURE_HEADER} does not start with v0=`);
  const given = decodeHex(signature.value.slice(3));
  if (given === undefined) return fail('format', `header ${SIGNATURE_HEADER} is not v0= followed by a hex digest`);
  const content = [Buffer.from('v0:'), headerBytes(timestamp.value), Buffer.from(':'), request.rawBody];
  // Signature before timestamp: a timestamp failure is then only ever reported for an authentic
  // request (a replay or a skewed clock), and a forgery learns nothing about the tolerance.
  if (!secrets.some((secret) => bytesEqual(hmac('sha256', secret, content), given))) {
    return fail('signature', `header ${SIGNATURE_HEADER} does not match the request signed with the configured secret`);
  }
  return checkTimestamp(seconds, request.now ?? new Date(), options.tolerance, `header ${TIMESTAMP_HEADER}`);
}
