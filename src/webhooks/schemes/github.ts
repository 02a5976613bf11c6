// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; the legacy
// `X-Hub-Signature: sha1=<hex>` only when the options enable it and the sha256 header is absent.
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
import { bytesEqual, decodeHex, hmac } from '../crypto.ts';
import { getHeader } from '../headers.ts';
import type { GithubScheme, HmacAlgorithm, SignedRequest, VerifyResult } from '../../model/index.ts';
import { OK, fail, requireHeader } from './common.ts';

const SHA256_HEADER = 'X-Hub-Signature-256';
const SHA1_HEADER = 'X-Hub-Signature';

export function verifyGithub(options: GithubScheme, request: SignedRequest, secrets: readonly string[]): VerifyResult {
  let header = SHA256_HEADER;
  let algorithm: HmacAlgorithm = 'sha256';
  if (
    options.sha1 &&
    getHeader(request.headers, SHA256_HEADER) === undefined &&
    getHeader(request.headers, SHA1_HEADER) !== undefined
  ) {
    header = SHA1_HEADER;
    algorithm = 'sha1';
  }
  const found = requireHeader(request, header);
  if ('ok' in found) {
    return options.sha1 && found.check === 'header'
      ? fail('header', `missing header ${SHA256_HEADER} (or ${SHA1_HEADER})`)
      : found;
  }
  const prefix = `${algorithm}=`;
  if (!found.value.startsWith(prefix)) return fail('format', `header ${header} does not start with ${prefix}`);
  const given = decodeHex(found.value.slice(prefix.length));
  if (given === undefined) return fail('format', `header ${header} is not ${prefix} followed by a hex digest`);
  for (const secret of secrets) {
    if (bytesEqual(hmac(algorithm, secret, request.rawBody), given)) return OK;
  }
  return fail('signature', `header ${header} does not match the body signed with the configured secret`);
}
