// Builds the typed WebhookOptions model from a parsed webhook options document (packs/<pack>/webhooks/*.yaml),
// and the checks that need every loaded document (conflicts) or the rules (unknown urls).
// The builder re-checks what rules/schema/webhook.schema.json says, so it is total on any parsed YAML and
// its specific codes (inline secret, unknown scheme) can be preferred over the schema's generic errors.
import type { Diagnostic, Result } from '../diagnostics/index.ts';
import { suggest } from '../diagnostics/index.ts';
import { normaliseUrl } from './url.ts';
import type {
  SourceMap,
  HmacAlgorithm,
  SchemeName,
  SecretRef,
  SignatureEncoding,
  SignatureOptions,
  WebhookAuth,
  WebhookOptions,
  WebhookResponse,
} from '../model/index.ts';
import { diagnosticAt, pointerSegment, type Where } from './place.ts';
import { parseSignedRecipe } from './schemes/hmac.ts';
import { DEFAULT_TOLERANCE_SECONDS } from './timestamp.ts';

export const schemeNames: readonly SchemeName[] = ['github', 'gitlab', 'slack', 'stripe', 'standard-webhooks', 'hmac'];

/** Options each scheme accepts besides `scheme`, `secret` and `secrets`. */
const schemeOptions: Readonly<Record<SchemeName, readonly string[]>> = {
  github: ['sha1'],
  gitlab: [],
  slack: ['tolerance'],
  stripe: ['tolerance'],
  'standard-webhooks': ['tolerance'],
  hmac: ['header', 'algorithm', 'encoding', 'prefix', 'signed', 'timestamp_header', 'tolerance'],
};
const allSchemeOptions = new Set(Object.values(schemeOptions).flat());
const topLevelKeys = ['url', 'auth', 'signature', 'response', 'methods', 'form', 'dedupe_header'];
const algorithms: readonly HmacAlgorithm[] = ['sha1', 'sha256', 'sha512'];
const encodings: readonly SignatureEncoding[] = ['hex', 'base64'];
/** RFC 9110 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A day: more would make replay protection meaningless. */
const MAX_TOLERANCE_SECONDS = 86400;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export interface WebhookDocumentInput {
  /** Parsed YAML of one options file. */
  readonly document: unknown;
  /** Ref of the pack the file belongs to. */
  readonly pack: string;
  readonly file: string;
  readonly source?: SourceMap;
}

/**
 * Turns one parsed options document into a WebhookOptions model, with diagnostics for every problem.
 * `value` is undefined when any error was found; warnings come with a value.
 * @example webhookOptionsFromDocument({ document: yaml, pack: 'github', file, source })
 */
export function webhookOptionsFromDocument(input: WebhookDocumentInput): Result<WebhookOptions> {
  const where: Where = input.source ? { file: input.file, source: input.source } : { file: input.file };
  const diagnostics: Diagnostic[] = [];
  const report = (
    code: string,
    pointer: string,
    message: string,
    options?: { hint?: string; onKey?: boolean },
  ): void => {
    diagnostics.push(diagnosticAt(where, code, pointer, message, options));
  };
  const doc = input.document;
  if (!isRecord(doc)) {
    report('RULES_E_WEBHOOK_INVALID', '', 'a webhook options file must be a mapping with at least `url`');
    return { value: undefined, diagnostics };
  }
  for (const key of Object.keys(doc)) {
    if (!topLevelKeys.includes(key)) {
      const guess = suggest(key, topLevelKeys);
      report(
        'RULES_E_WEBHOOK_INVALID',
        `/${pointerSegment(key)}`,
        `unknown key ${JSON.stringify(key)} in webhook options`,
        {
          onKey: true,
          hint: guess ? `did you mean ${guess}?` : `known keys: ${topLevelKeys.join(', ')}`,
        },
      );
    }
  }

  const url = own(doc, 'url');
  let normalizedUrl = '';
  if (typeof url !== 'string' || normaliseUrl(url) === '') {
    report(
      'RULES_E_WEBHOOK_INVALID',
      url === undefined ? '' : '/url',
      '`url` must be a non-empty string: the url of a core.st2.webhook trigger',
      {
        hint: 'write the url exactly as the rules write trigger.parameters.url',
      },
    );
  } else {
    normalizedUrl = normaliseUrl(url);
    if (normalizedUrl === 'st2') {
      report(
        'RULES_E_WEBHOOK_GENERIC_URL',
        '/url',
        'the url st2 is the generic webhook; its behaviour cannot be configured',
        {
          hint: 'choose another url for the rule and for this file',
        },
      );
    }
  }

  let auth: WebhookAuth = 'st2';
  const rawAuth = own(doc, 'auth');
  if (rawAuth !== undefined) {
    if (rawAuth === 'st2' || rawAuth === 'signature' || rawAuth === 'both') auth = rawAuth;
    else report('RULES_E_WEBHOOK_INVALID', '/auth', '`auth` must be st2, signature or both');
  }

  let signature: SignatureOptions | undefined;
  const rawSignature = own(doc, 'signature');
  if (rawSignature !== undefined) {
    signature = signatureFromDocument(rawSignature, report);
    if (auth === 'st2') {
      report(
        'RULES_W_WEBHOOK_SIGNATURE_UNUSED',
        '/signature',
        `the signature is never checked because auth is st2${rawAuth === undefined ? ' (the default)' : ''}`,
        {
          onKey: true,
          hint: 'add `auth: signature` (or `auth: both` to require an API key too)',
        },
      );
    }
  } else if (auth !== 'st2') {
    report('RULES_E_WEBHOOK_SIGNATURE_MISSING', '/auth', `auth: ${auth} needs a signature block (scheme and secret)`, {
      hint: 'signature: { scheme: github, secret: { env: GITHUB_WEBHOOK_SECRET } }',
    });
  }

  const response = responseFromDocument(own(doc, 'response'), report);

  let methods: ('POST' | 'GET')[] = ['POST'];
  const rawMethods = own(doc, 'methods');
  if (rawMethods !== undefined) {
    if (
      !Array.isArray(rawMethods) ||
      rawMethods.length === 0 ||
      !rawMethods.every((m) => m === 'POST' || m === 'GET')
    ) {
      report('RULES_E_WEBHOOK_INVALID', '/methods', '`methods` must be a non-empty list of POST and GET');
    } else if (new Set(rawMethods).size !== rawMethods.length) {
      report('RULES_E_WEBHOOK_INVALID', '/methods', '`methods` lists a method twice');
    } else {
      methods = rawMethods as ('POST' | 'GET')[];
    }
  }

  const form = own(doc, 'form');
  if (form !== undefined && form !== 'json_payload') {
    report('RULES_E_WEBHOOK_INVALID', '/form', '`form` must be json_payload (decode `payload=<json>` form bodies)');
  }

  const dedupeHeader = own(doc, 'dedupe_header');
  if (dedupeHeader !== undefined && (typeof dedupeHeader !== 'string' || !HEADER_NAME.test(dedupeHeader))) {
    report(
      'RULES_E_WEBHOOK_INVALID',
      '/dedupe_header',
      '`dedupe_header` must be a header name, e.g. X-GitHub-Delivery',
    );
  }

  if (diagnostics.some((d) => d.severity === 'error') || typeof url !== 'string')
    return { value: undefined, diagnostics };
  const value: WebhookOptions = {
    url,
    normalizedUrl,
    pack: input.pack,
    file: input.file,
    auth,
    methods,
    ...(signature ? { signature } : {}),
    ...(response ? { response } : {}),
    ...(form === 'json_payload' ? { form: 'json_payload' as const } : {}),
    ...(typeof dedupeHeader === 'string' ? { dedupeHeader } : {}),
  };
  if (input.source) Object.defineProperty(value, 'source', { value: input.source, enumerable: false });
  return { value, diagnostics };
}

type Report = (code: string, pointer: string, message: string, options?: { hint?: string; onKey?: boolean }) => void;

function secretRefFromDocument(raw: unknown, pointer: string, report: Report): SecretRef | undefined {
  // Never quote the value in a message: it may be the secret itself.
  if (!isRecord(raw)) {
    report(
      'RULES_E_WEBHOOK_INLINE_SECRET',
      pointer,
      'the secret is written inline; secrets must be referenced, never written in pack files',
      {
        hint: 'use { env: NAME } (an environment variable of the runtime) or { datastore: KEY } (a datastore key), and rotate the exposed secret',
      },
    );
    return undefined;
  }
  const keys = Object.keys(raw);
  const env = own(raw, 'env');
  const datastore = own(raw, 'datastore');
  if (keys.length === 1 && typeof env === 'string' && ENV_NAME.test(env)) return { env };
  if (keys.length === 1 && typeof datastore === 'string' && datastore.length > 0) return { datastore };
  if (keys.some((k) => k !== 'env' && k !== 'datastore')) {
    report(
      'RULES_E_WEBHOOK_INLINE_SECRET',
      pointer,
      'a secret reference has keys other than env or datastore; secrets must be referenced, never written in pack files',
      {
        hint: 'use exactly one of { env: NAME } or { datastore: KEY }',
      },
    );
    return undefined;
  }
  report(
    'RULES_E_WEBHOOK_INVALID',
    pointer,
    'a secret reference must be exactly one of { env: NAME } (a valid environment variable name) or { datastore: KEY }',
  );
  return undefined;
}

function signatureFromDocument(raw: unknown, report: Report): SignatureOptions | undefined {
  if (!isRecord(raw)) {
    report('RULES_E_WEBHOOK_INVALID', '/signature', '`signature` must be a mapping with scheme and secret');
    return undefined;
  }
  let ok = true;
  const rawScheme = own(raw, 'scheme');
  let scheme: SchemeName | undefined;
  if (typeof rawScheme !== 'string') {
    report(
      'RULES_E_WEBHOOK_UNKNOWN_SCHEME',
      rawScheme === undefined ? '/signature' : '/signature/scheme',
      '`signature.scheme` is required',
      {
        hint: `one of ${schemeNames.join(', ')}`,
      },
    );
    ok = false;
  } else if (!(schemeNames as readonly string[]).includes(rawScheme)) {
    const guess = suggest(rawScheme, schemeNames);
    report(
      'RULES_E_WEBHOOK_UNKNOWN_SCHEME',
      '/signature/scheme',
      `unknown signature scheme ${JSON.stringify(rawScheme)}`,
      {
        hint: guess ? `did you mean ${guess}?` : `one of ${schemeNames.join(', ')}`,
      },
    );
    ok = false;
  } else {
    scheme = rawScheme as SchemeName;
  }

  const secrets: SecretRef[] = [];
  const rawSecret = own(raw, 'secret');
  const rawSecrets = own(raw, 'secrets');
  if (rawSecret !== undefined) {
    const ref = secretRefFromDocument(rawSecret, '/signature/secret', report);
    if (ref) secrets.push(ref);
    else ok = false;
  }
  if (rawSecrets !== undefined) {
    if (!Array.isArray(rawSecrets)) {
      // A bare string here is as inline as `secret: "…"`.
      ok = false;
      if (isRecord(rawSecrets))
        report(
          'RULES_E_WEBHOOK_INVALID',
          '/signature/secrets',
          '`secrets` must be a list of { env: NAME } or { datastore: KEY }',
        );
      else secretRefFromDocument(rawSecrets, '/signature/secrets', report);
    } else {
      rawSecrets.forEach((item, index) => {
        const ref = secretRefFromDocument(item, `/signature/secrets/${index}`, report);
        if (ref) secrets.push(ref);
        else ok = false;
      });
    }
  }
  if (rawSecret === undefined) {
    report(
      'RULES_E_WEBHOOK_INVALID',
      '/signature',
      '`signature` needs `secret` (and optionally `secrets`, older secrets still accepted during a rotation)',
      {
        hint: 'secret: { env: WEBHOOK_SECRET }',
      },
    );
    ok = false;
  }

  for (const key of Object.keys(raw)) {
    if (key === 'scheme' || key === 'secret' || key === 'secrets') continue;
    if (!allSchemeOptions.has(key)) {
      const guess = suggest(key, [...allSchemeOptions, 'secret', 'secrets']);
      report(
        'RULES_E_WEBHOOK_INVALID',
        `/signature/${pointerSegment(key)}`,
        `unknown signature option ${JSON.stringify(key)}`,
        {
          onKey: true,
          ...(guess ? { hint: `did you mean ${guess}?` } : {}),
        },
      );
      ok = false;
    } else if (scheme && !schemeOptions[scheme].includes(key)) {
      const accepted = schemeOptions[scheme];
      report(
        'RULES_E_WEBHOOK_SCHEME_OPTION',
        `/signature/${pointerSegment(key)}`,
        `option ${key} does not apply to the ${scheme} scheme`,
        {
          onKey: true,
          hint: accepted.length
            ? `${scheme} accepts ${accepted.join(', ')}`
            : `${scheme} accepts only secret and secrets`,
        },
      );
      ok = false;
    }
  }

  let tolerance = DEFAULT_TOLERANCE_SECONDS;
  const rawTolerance = own(raw, 'tolerance');
  if (rawTolerance !== undefined) {
    if (
      typeof rawTolerance === 'number' &&
      Number.isInteger(rawTolerance) &&
      rawTolerance >= 1 &&
      rawTolerance <= MAX_TOLERANCE_SECONDS
    )
      tolerance = rawTolerance;
    else {
      report(
        'RULES_E_WEBHOOK_INVALID',
        '/signature/tolerance',
        `\`tolerance\` must be a whole number of seconds from 1 to ${MAX_TOLERANCE_SECONDS}`,
      );
      ok = false;
    }
  }

  if (!scheme) return undefined;
  switch (scheme) {
    case 'github': {
      const sha1 = own(raw, 'sha1');
      if (sha1 !== undefined && typeof sha1 !== 'boolean') {
        report('RULES_E_WEBHOOK_INVALID', '/signature/sha1', '`sha1` must be true or false');
        return undefined;
      }
      return ok ? { scheme, secrets, sha1: sha1 === true } : undefined;
    }
    case 'gitlab':
      return ok ? { scheme, secrets } : undefined;
    case 'slack':
    case 'stripe':
    case 'standard-webhooks':
      return ok ? { scheme, secrets, tolerance } : undefined;
    case 'hmac':
      return hmacFromDocument(raw, secrets, tolerance, ok, report);
  }
}

function hmacFromDocument(
  raw: Record<string, unknown>,
  secrets: SecretRef[],
  tolerance: number,
  okSoFar: boolean,
  report: Report,
): SignatureOptions | undefined {
  let ok = okSoFar;
  const header = own(raw, 'header');
  if (typeof header !== 'string' || !HEADER_NAME.test(header)) {
    report(
      header === undefined ? 'RULES_E_WEBHOOK_SCHEME_OPTION' : 'RULES_E_WEBHOOK_INVALID',
      header === undefined ? '/signature' : '/signature/header',
      header === undefined
        ? 'the hmac scheme needs `header`, the header carrying the signature'
        : '`header` must be a header name',
      { hint: 'header: X-Signature' },
    );
    ok = false;
  }
  const algorithm = own(raw, 'algorithm') ?? 'sha256';
  if (!(algorithms as readonly unknown[]).includes(algorithm)) {
    report('RULES_E_WEBHOOK_INVALID', '/signature/algorithm', `\`algorithm\` must be one of ${algorithms.join(', ')}`);
    ok = false;
  }
  const encoding = own(raw, 'encoding') ?? 'hex';
  if (!(encodings as readonly unknown[]).includes(encoding)) {
    report('RULES_E_WEBHOOK_INVALID', '/signature/encoding', `\`encoding\` must be one of ${encodings.join(', ')}`);
    ok = false;
  }
  const prefix = own(raw, 'prefix') ?? '';
  if (typeof prefix !== 'string') {
    report('RULES_E_WEBHOOK_INVALID', '/signature/prefix', '`prefix` must be a string, e.g. "sha256="');
    ok = false;
  }
  const timestampHeader = own(raw, 'timestamp_header');
  if (timestampHeader !== undefined && (typeof timestampHeader !== 'string' || !HEADER_NAME.test(timestampHeader))) {
    report('RULES_E_WEBHOOK_INVALID', '/signature/timestamp_header', '`timestamp_header` must be a header name');
    ok = false;
  }
  const signed = own(raw, 'signed') ?? '{body}';
  let parts: ReturnType<typeof parseSignedRecipe> | undefined;
  if (typeof signed !== 'string') {
    report(
      'RULES_E_WEBHOOK_INVALID',
      '/signature/signed',
      '`signed` must be a recipe string such as "{timestamp}.{body}"',
    );
    ok = false;
  } else {
    parts = parseSignedRecipe(signed);
    if ('error' in parts) {
      report('RULES_E_WEBHOOK_SIGNED_RECIPE', '/signature/signed', `bad signed recipe: ${parts.error}`, {
        hint: 'placeholders: {body}, {timestamp}, {header:<Name>}',
      });
      ok = false;
    } else {
      const usesTimestamp = parts.parts.some((p) => p.kind === 'timestamp');
      if (usesTimestamp && timestampHeader === undefined) {
        report(
          'RULES_E_WEBHOOK_SIGNED_RECIPE',
          '/signature/signed',
          'the recipe uses {timestamp} but no timestamp_header says where it comes from',
          { hint: 'timestamp_header: X-Timestamp' },
        );
        ok = false;
      } else if (!usesTimestamp && timestampHeader !== undefined) {
        report(
          'RULES_E_WEBHOOK_SIGNED_RECIPE',
          '/signature/timestamp_header',
          'timestamp_header is set but the signed recipe has no {timestamp}: the timestamp would not be signed, so it could be replayed with a new one',
          {
            onKey: true,
            hint: 'signed: "{timestamp}.{body}"',
          },
        );
        ok = false;
      }
    }
  }
  if (!ok || !parts || 'error' in parts) return undefined;
  return {
    scheme: 'hmac',
    secrets,
    header: header as string,
    algorithm: algorithm as HmacAlgorithm,
    encoding: encoding as SignatureEncoding,
    prefix: prefix as string,
    signed: parts.parts,
    tolerance,
    ...(typeof timestampHeader === 'string' ? { timestampHeader } : {}),
  };
}

function responseFromDocument(raw: unknown, report: Report): WebhookResponse | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'on_no_match') return { kind: 'on_no_match' };
  if (!isRecord(raw)) {
    report(
      'RULES_E_WEBHOOK_INVALID',
      '/response',
      '`response` must be on_no_match or a mapping with status, headers and body',
    );
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(raw)) {
    if (key !== 'status' && key !== 'headers' && key !== 'body') {
      report(
        'RULES_E_WEBHOOK_INVALID',
        `/response/${pointerSegment(key)}`,
        `unknown response option ${JSON.stringify(key)}`,
        { onKey: true, hint: 'status, headers, body' },
      );
      ok = false;
    }
  }
  // StackStorm answers 202 Accepted; a custom response keeps that unless it says otherwise.
  const status = own(raw, 'status') ?? 202;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    report('RULES_E_WEBHOOK_INVALID', '/response/status', '`status` must be an HTTP status from 200 to 599');
    ok = false;
  }
  const headers: Record<string, string> = {};
  const rawHeaders = own(raw, 'headers');
  if (rawHeaders !== undefined) {
    if (!isRecord(rawHeaders)) {
      report('RULES_E_WEBHOOK_INVALID', '/response/headers', '`headers` must be a mapping of header names to strings');
      ok = false;
    } else {
      for (const [name, value] of Object.entries(rawHeaders)) {
        if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) {
          report(
            'RULES_E_WEBHOOK_INVALID',
            `/response/headers/${pointerSegment(name)}`,
            `response header ${JSON.stringify(name)} must be a header name with a single-line string value`,
          );
          ok = false;
        } else {
          Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
        }
      }
    }
  }
  const body = own(raw, 'body');
  if (body !== undefined && typeof body !== 'string') {
    report('RULES_E_WEBHOOK_INVALID', '/response/body', '`body` must be a template string (trigger is in scope)');
    ok = false;
  }
  if (!ok) return undefined;
  return typeof body === 'string'
    ? { kind: 'custom', status: status as number, headers, body }
    : { kind: 'custom', status: status as number, headers };
}

/** The SourceMap a model was built with (kept non-enumerable so models compare and serialise as plain data). */
export function webhookOptionsSource(options: WebhookOptions): SourceMap | undefined {
  return (options as { source?: SourceMap }).source;
}

function comparable(options: WebhookOptions): string {
  const { url: _url, pack: _pack, file: _file, normalizedUrl, ...rest } = options;
  return JSON.stringify({ normalizedUrl, ...rest });
}

/**
 * Checks every loaded options model together: two files for one normalised url are a conflict when they
 * differ and a duplicate when identical. Each later file (in the given order) is reported, naming the first.
 */
export function checkWebhookConflicts(all: readonly WebhookOptions[]): Diagnostic[] {
  const byUrl = new Map<string, WebhookOptions[]>();
  for (const options of all) {
    const list = byUrl.get(options.normalizedUrl);
    if (list) list.push(options);
    else byUrl.set(options.normalizedUrl, [options]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [url, list] of byUrl) {
    const first = list[0];
    if (!first || list.length < 2) continue;
    for (const other of list.slice(1)) {
      const source = webhookOptionsSource(other);
      const where: Where = source ? { file: other.file, source } : { file: other.file };
      const same = comparable(first) === comparable(other);
      diagnostics.push(
        diagnosticAt(
          where,
          same ? 'RULES_W_WEBHOOK_DUPLICATE' : 'RULES_E_WEBHOOK_CONFLICT',
          '/url',
          same
            ? `webhook url ${url} is already configured with the same options in pack ${first.pack} (${first.file})`
            : `webhook url ${url} is also configured, differently, in pack ${first.pack} (${first.file})`,
          { hint: 'keep one options file per url' },
        ),
      );
    }
  }
  return diagnostics;
}

/**
 * Warns about options files for urls no rule declares. `declaredUrls` are the rules' webhook urls as
 * written or normalised (disabled rules count: they keep the url registered, spec §1.10).
 */
export function checkWebhookUrls(all: readonly WebhookOptions[], declaredUrls: Iterable<string>): Diagnostic[] {
  const declared = new Set<string>();
  for (const url of declaredUrls) declared.add(normaliseUrl(url));
  const diagnostics: Diagnostic[] = [];
  for (const options of all) {
    if (declared.has(options.normalizedUrl)) continue;
    const source = webhookOptionsSource(options);
    const where: Where = source ? { file: options.file, source } : { file: options.file };
    const guess = suggest(options.normalizedUrl, declared);
    diagnostics.push(
      diagnosticAt(
        where,
        'RULES_W_WEBHOOK_UNKNOWN_URL',
        '/url',
        `no rule has a core.st2.webhook trigger with url ${options.normalizedUrl}`,
        {
          hint: guess
            ? `did you mean ${guess}?`
            : 'add a rule with trigger type core.st2.webhook and this url, or remove this file',
        },
      ),
    );
  }
  return diagnostics;
}
