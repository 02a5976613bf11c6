// verifySignature: the one entry point the runtime calls per request for urls with `auth: signature|both`.
import { noSecretMessage, resolveSecrets } from './secrets.ts';
import { verifyGithub } from './schemes/github.ts';
import { verifyGitlab } from './schemes/gitlab.ts';
import { verifyHmac } from './schemes/hmac.ts';
import { verifySlack } from './schemes/slack.ts';
import { verifyStandardWebhooks } from './schemes/standard-webhooks.ts';
import { verifyStripe } from './schemes/stripe.ts';
import type { SecretLookup, SignatureOptions, SignedRequest, VerifyResult } from '../model/index.ts';

/**
 * Verifies a request's signature over its raw body bytes, constant-time, against every configured
 * secret (primary and rotation). Never throws for bad input: failures name the check that failed.
 * @example verifySignature(opts.signature, { rawBody, headers: req.headers }, envSecretLookup())
 */
export function verifySignature(
  options: SignatureOptions,
  request: SignedRequest,
  secrets: SecretLookup,
): VerifyResult {
  const values = resolveSecrets(options.secrets, secrets);
  if (values.length === 0) return { ok: false, check: 'secret', message: noSecretMessage(options.secrets) };
  switch (options.scheme) {
    case 'github':
      return verifyGithub(options, request, values);
    case 'gitlab':
      return verifyGitlab(options, request, values);
    case 'slack':
      return verifySlack(options, request, values);
    case 'stripe':
      return verifyStripe(options, request, values);
    case 'standard-webhooks':
      return verifyStandardWebhooks(options, request, values);
    case 'hmac':
      return verifyHmac(options, request, values);
  }
}

/** The 401 faultstring for a failed verification, in StackStorm's `Unauthorized - …` style (spec §1.8). */
export function signatureFaultstring(result: { check: string; message: string }): string {
  return `Unauthorized - Signature verification failed (${result.check}): ${result.message}`;
}
