// GitLab: `X-Gitlab-Token` carries the secret itself (no HMAC); compared in constant time.
// https://docs.gitlab.com/user/project/integrations/webhooks/#validate-requests-with-a-secret-token
import { tokensEqual } from '../crypto.ts';
import type { GitlabScheme, SignedRequest, VerifyResult } from '../../model/index.ts';
import { OK, fail, requireHeader } from './common.ts';

const HEADER = 'X-Gitlab-Token';

export function verifyGitlab(_options: GitlabScheme, request: SignedRequest, secrets: readonly string[]): VerifyResult {
  const found = requireHeader(request, HEADER);
  if ('ok' in found) return found;
  // Every candidate is compared, so the time taken does not say which secret of a rotation matched.
  let matched = false;
  for (const secret of secrets) {
    if (tokensEqual(found.value, secret)) matched = true;
  }
  return matched ? OK : fail('signature', `header ${HEADER} does not match the configured secret token`);
}
