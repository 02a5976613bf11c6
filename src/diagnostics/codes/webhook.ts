// Diagnostic codes of the webhook stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const webhookCodes = {
  RULES_E_WEBHOOK_INVALID: {
    severity: 'error',
    title: 'Webhook options file is malformed',
    description:
      'A file under packs/<pack>/webhooks/ has a value of the wrong type, a missing `url`, or a key the format does not know. ' +
      'StackStorm has no webhook options files at all (every url is POST-only, API-key or token protected, and echoes the body), so these files are ours alone.',
  },
  RULES_E_WEBHOOK_INLINE_SECRET: {
    severity: 'error',
    title: 'Webhook secret written inline',
    description:
      'A signature secret is written in the YAML itself instead of being referenced with `{env: NAME}` or `{datastore: KEY}`. ' +
      'Pack files end up in git; secrets must not. StackStorm has no signature verification (its webhooks accept only API keys or tokens).',
  },
  RULES_E_WEBHOOK_UNKNOWN_SCHEME: {
    severity: 'error',
    title: 'Unknown signature scheme',
    description:
      'The `signature.scheme` is not one of github, gitlab, slack, stripe, standard-webhooks, hmac. StackStorm has no signature verification.',
  },
  RULES_E_WEBHOOK_SCHEME_OPTION: {
    severity: 'error',
    title: 'Signature option does not apply to the scheme',
    description:
      'An option under `signature` belongs to another scheme (for example `header` outside the generic `hmac` recipe, or `tolerance` for GitHub, whose deliveries carry no timestamp), ' +
      'or a required option of the scheme is missing (`header` for `hmac`). StackStorm has no signature verification.',
  },
  RULES_E_WEBHOOK_SIGNED_RECIPE: {
    severity: 'error',
    title: 'Bad signed-content recipe',
    description:
      'The generic `hmac` recipe `signed` has an unknown placeholder or an unbalanced brace (placeholders are `{body}`, `{timestamp}`, `{header:<Name>}`; `{{`/`}}` are literal braces), ' +
      'or uses `{timestamp}` without `timestamp_header`. StackStorm has no signature verification.',
  },
  RULES_E_WEBHOOK_SIGNATURE_MISSING: {
    severity: 'error',
    title: 'Signature authentication without a signature block',
    description:
      '`auth: signature` or `auth: both` needs a `signature` block saying which scheme and secret to check. StackStorm only knows API keys and tokens (`auth: st2`).',
  },
  RULES_W_WEBHOOK_SIGNATURE_UNUSED: {
    severity: 'warning',
    title: 'Signature block is not used',
    description:
      'A `signature` block is present but `auth` is `st2` (the default), so the signature is never checked. Set `auth: signature` (or `both`). ' +
      'StackStorm checks only API keys and tokens.',
  },
  RULES_E_WEBHOOK_GENERIC_URL: {
    severity: 'error',
    title: 'Options for the generic st2 webhook',
    description:
      "The url `st2` is the generic webhook, which always exists and takes precedence over any rule (spec §1.6); its behaviour is StackStorm's and cannot be configured.",
  },
  RULES_E_WEBHOOK_CONFLICT: {
    severity: 'error',
    title: 'Conflicting options for one webhook url',
    description:
      'Two webhook options files (in one pack or across packs) configure the same url (after StackStorm\'s `strip("/")` normalisation) differently. ' +
      'StackStorm registers one endpoint per url for every pack, so one url can have only one set of options.',
  },
  RULES_W_WEBHOOK_DUPLICATE: {
    severity: 'warning',
    title: 'Webhook url configured twice',
    description:
      'Two webhook options files configure the same url with identical options; one of them can be removed. StackStorm has one endpoint per url.',
  },
  RULES_W_WEBHOOK_UNKNOWN_URL: {
    severity: 'warning',
    title: 'Webhook options for a url no rule declares',
    description:
      'No rule has a `core.st2.webhook` trigger with this url, so the options never apply: StackStorm answers 404 `Webhook <url> not registered with st2` for such a url.',
  },
} satisfies Record<string, CodeDefinition>;
