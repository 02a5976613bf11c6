// The typed model of a webhook options file (packs/<pack>/webhooks/*.yaml) and the shapes verifySignature uses.
// Plain data only: the pack compiler builds it once, the runtime reads it per request.

/** Where a secret comes from: an environment variable or a datastore key, never the YAML itself. */
export type SecretRef = { readonly env: string } | { readonly datastore: string };

/**
 * Resolves one secret reference to its current values (several values = rotation inside one reference).
 * `undefined` or `[]` means "not set": verification then fails with check `secret`.
 */
export type SecretLookup = (ref: SecretRef) => readonly string[] | undefined;

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

interface SchemeBase {
  /** Primary secret first, then the `secrets` of a rotation: any one of them may have signed the request. */
  readonly secrets: readonly SecretRef[];
}

export interface GithubScheme extends SchemeBase {
  readonly scheme: 'github';
  /** Also accept the legacy `X-Hub-Signature: sha1=…` when `X-Hub-Signature-256` is absent. */
  readonly sha1: boolean;
}

export interface GitlabScheme extends SchemeBase {
  readonly scheme: 'gitlab';
}

export interface SlackScheme extends SchemeBase {
  readonly scheme: 'slack';
  /** Seconds the request timestamp may differ from now, both ways. */
  readonly tolerance: number;
}

export interface StripeScheme extends SchemeBase {
  readonly scheme: 'stripe';
  readonly tolerance: number;
}

export interface StandardWebhooksScheme extends SchemeBase {
  readonly scheme: 'standard-webhooks';
  readonly tolerance: number;
}

/** One piece of the generic recipe's signed content: literal text, the raw body, or a header value. */
export type SignedPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'body' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'header'; readonly name: string };

export interface HmacScheme extends SchemeBase {
  readonly scheme: 'hmac';
  /** Header carrying the signature (matched case-insensitively). */
  readonly header: string;
  readonly algorithm: HmacAlgorithm;
  readonly encoding: SignatureEncoding;
  /** Text before the encoded digest in the header, e.g. `sha256=`; '' for none. */
  readonly prefix: string;
  /** The signed content, parsed from a recipe such as `{timestamp}.{body}`; default `{body}`. */
  readonly signed: readonly SignedPart[];
  /** Header carrying a Unix timestamp in seconds; required when `signed` uses `{timestamp}`. */
  readonly timestampHeader?: string;
  readonly tolerance: number;
}

export type SignatureOptions =
  GithubScheme | GitlabScheme | SlackScheme | StripeScheme | StandardWebhooksScheme | HmacScheme;

export type SchemeName = SignatureOptions['scheme'];

export type WebhookAuth = 'st2' | 'signature' | 'both';

export type WebhookResponse =
  | {
      readonly kind: 'custom';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      /** Template source rendered with `trigger` in scope; undefined = empty body. */
      readonly body?: string;
    }
  | { readonly kind: 'on_no_match' };

export interface WebhookOptions {
  /** The url exactly as written in the options file. */
  readonly url: string;
  /** `url.strip('/')`, the key the runtime and the rule set use (spec §1.10). */
  readonly normalizedUrl: string;
  readonly pack: string;
  readonly file: string;
  /** `st2` = API key or token (StackStorm's behaviour, default); `signature`; `both` = both must pass. */
  readonly auth: WebhookAuth;
  readonly signature?: SignatureOptions;
  readonly response?: WebhookResponse;
  /** Methods accepted on this url; StackStorm accepts only POST. */
  readonly methods: readonly ('POST' | 'GET')[];
  /** `json_payload`: decode `payload=<json>` form bodies (GitHub's form content type) into the body object. */
  readonly form?: 'json_payload';
  /** Header whose value identifies a delivery for de-duplication, overriding the default delivery-id headers. */
  readonly dedupeHeader?: string;
}

/** What the runtime hands to verifySignature: the body exactly as received, before any parsing. */
export interface SignedRequest {
  readonly rawBody: Buffer;
  /** Node's `req.headers` (lower-case names) or any casing: lookups are case-insensitive. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Clock for timestamp tolerance; defaults to the current time. */
  readonly now?: Date;
}

/** Which check failed: the runtime puts `message` in the 401 faultstring and counts `check` in metrics. */
export type VerifyCheck = 'secret' | 'header' | 'format' | 'timestamp' | 'signature';

export type VerifyResult = { ok: true } | { ok: false; check: VerifyCheck; message: string };
