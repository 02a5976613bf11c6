// HTTP errors of the runtime, with StackStorm's statuses and faultstrings (spec §1.8). The runtime answers
// errors only through this table (src/runtime/errors.ts), so docs/errors.md lists every answer a client can get.
import type { HttpErrorDefinition } from '../types.ts';

export const httpErrors = {
  RULES_HTTP_NO_ROUTE: {
    status: 404,
    message: 'The resource could not be found.',
    description:
      'No route for the method and path. StackStorm answers the same (webob HTTPNotFound) for unknown paths, `/V1/...` (routes are case-sensitive) and PUT/DELETE/HEAD on webhooks.',
  },
  RULES_HTTP_WEBHOOK_NOT_REGISTERED: {
    status: 404,
    message: 'Webhook {hook} not registered with st2',
    description:
      'No enabled or disabled rule registers this url; the hook is printed as matched (e.g. `/sample` for `//sample`), as StackStorm does.',
  },
  RULES_HTTP_WEBHOOK_GET_UNKNOWN: {
    status: 404,
    message: 'Unhandled exception',
    description:
      '`GET /v1/webhooks/<url>` for an unknown url: StackStorm calls abort(404) without a message, so the faultstring is this generic text.',
  },
  RULES_HTTP_AUTH_REQUIRED: {
    status: 401,
    message: 'Unauthorized - One of Token or API key required.',
    description:
      'No X-Auth-Token / St2-Api-Key header, no x-auth-token / st2-api-key query parameter and no auth-token cookie (empty values count as absent).',
  },
  RULES_HTTP_TOKEN_UNKNOWN: {
    status: 401,
    message: 'Unauthorized',
    description:
      'The first credential present is a token that does not exist. StackStorm raises TokenNotFoundError without a message, hence the bare text.',
  },
  RULES_HTTP_TOKEN_EXPIRED: {
    status: 401,
    message: 'Unauthorized - Token has expired.',
    description: 'The token exists but its expiry is at or before now (UTC).',
  },
  RULES_HTTP_API_KEY_UNKNOWN: {
    status: 401,
    message: 'Unauthorized - ApiKey with key_hash={keyHash} not found.',
    description: 'No API key with this hash (sha512 of "saltnpepper" + key, StackStorm\'s format).',
  },
  RULES_HTTP_API_KEY_DISABLED: {
    status: 401,
    message: 'Unauthorized - API key is disabled.',
    description: 'The API key exists but is disabled (`rules apikey disable`, or enabled: false in StackStorm).',
  },
  RULES_HTTP_BODY_PARSE: {
    status: 400,
    message: 'Failed to parse request body: {reason}',
    description:
      'Invalid JSON, bad charset, NaN/Infinity or lone surrogates (StackStorm uses the strict orjson), or a prototype-poisoning key (`__proto__`, `constructor.prototype`), which we refuse where StackStorm would store it.',
  },
  RULES_HTTP_UNSUPPORTED_CONTENT_TYPE: {
    status: 400,
    message: 'Failed to parse request body: Unsupported Content-Type: "{type}"',
    description:
      'Content types are compared verbatim as StackStorm does: only application/json and application/x-www-form-urlencoded / multipart/form-data (both parsed as a query string) are known; `Application/JSON` is unsupported.',
  },
  RULES_HTTP_BODY_NOT_OBJECT_OR_ARRAY: {
    status: 400,
    message: "{value} is not of type 'object', 'array'",
    description:
      "The parsed body is a JSON scalar (or text/plain under gunicorn); the message is jsonschema's with the value as a Python repr.",
  },
  RULES_HTTP_BODY_TOO_LARGE: {
    status: 413,
    message: 'Request body exceeds the limit of {limit} bytes',
    description:
      'Our limit (default 10 MiB, `bodyLimit` in the config). StackStorm has none of its own; nginx in front of it answers 413 for bodies over its client_max_body_size.',
  },
  RULES_HTTP_GENERIC_NOT_OBJECT: {
    status: 400,
    message: 'Webhook body needs to be an object, got: {type}',
    description: 'The generic `st2` webhook takes `{"trigger": ..., "payload": ...}` only.',
  },
  RULES_HTTP_GENERIC_NO_TRIGGER: {
    status: 400,
    message: 'Trigger not specified.',
    description: 'The generic `st2` webhook body has no truthy `trigger` (missing, "", null, 0, false).',
  },
  RULES_HTTP_GENERIC_PAYLOAD_INVALID: {
    status: 400,
    message:
      'Trigger payload validation failed and validation is enabled, not dispatching a trigger "{trigger}" ({payload}): {error}',
    description:
      "Unknown trigger type, or a payload that fails the type's payload_schema (draft-4 with `required: true` on properties, top-level optional properties accept null). StackStorm prints the full multi-line jsonschema text; we print its first line.",
  },
  RULES_HTTP_STORE_UNAVAILABLE: {
    status: 503,
    message: 'Service Unavailable - the trigger instance could not be stored: {reason}',
    description:
      'The store refused the write (disk full, read-only, locked). A webhook is only acknowledged with 202 once its trigger instances are committed, so the sender can retry. StackStorm answers 500 when its message bus is down.',
  },
  RULES_HTTP_AUTH_STORE_UNAVAILABLE: {
    status: 503,
    message: 'Service Unavailable - credentials could not be checked: {reason}',
    description:
      'The store holding API keys and tokens did not answer (a PostgreSQL server down or unreachable). The request is refused without being accepted, so the sender can retry; it is never answered 202 unchecked. StackStorm answers 500 when its database is down.',
  },
  RULES_HTTP_WEBHOOK_SIGNATURE: {
    status: 401,
    message: 'Unauthorized - Signature verification failed ({check}): {message}',
    description:
      "The url's webhook options (packs/<pack>/webhooks/*.yaml) say `auth: signature` or `both` and the request's signature did not verify over the raw body bytes; the check is secret, header, format, timestamp or signature. StackStorm has no signature checks: it only knows API keys and tokens.",
  },
  RULES_HTTP_WEBHOOK_NO_MATCH: {
    status: 404,
    message: 'No rule matched webhook {hook}',
    description:
      "The url's webhook options say `response: on_no_match` and no enabled rule of the url matched the payload (matching runs before the answer). The trigger instance is still stored and processed. StackStorm always answers 202.",
  },
  RULES_HTTP_WEBHOOK_RESPONSE_RENDER: {
    status: 500,
    message: 'Internal Server Error - the response body of webhook {hook} could not be rendered: {reason}',
    description:
      "The `response.body` template of the url's webhook options raised an error (e.g. an undefined attribute). The trigger instance was already stored and submitted. StackStorm has no custom responses.",
  },
  RULES_HTTP_TOKEN_CREDENTIALS: {
    status: 401,
    message: 'Invalid or missing credentials',
    description:
      '`POST /auth/v1/tokens` without `Authorization: Basic ...`, or with a user and password the htpasswd file does not accept (st2auth standalone mode answers the same).',
  },
  RULES_HTTP_TOKEN_DISABLED: {
    status: 501,
    message:
      'Token creation over HTTP is disabled: no htpasswd file is configured (auth.htpasswd or RULES_HTPASSWD); use `rules token create`',
    description:
      'StackStorm always runs st2auth; we create tokens over HTTP only when an htpasswd file is configured, and say so instead of failing every login.',
  },
  RULES_HTTP_TOKEN_TTL_TOO_LARGE: {
    status: 400,
    message: 'TTL specified {ttl} is greater than max allowed {max}.',
    description: "The requested `ttl` exceeds `auth.token_ttl` (default 86400 s), with st2auth's message.",
  },
  RULES_HTTP_TOKEN_TTL_INVALID: {
    status: 400,
    message: '{ttl} is less than the minimum of 1',
    description: "`ttl` must be an integer of at least 1 (st2auth's schema `minimum: 1`), or null for the default.",
  },
  RULES_HTTP_TOKEN_NOT_PROVIDED: {
    status: 400,
    message: 'Token is not provided.',
    description: '`POST /auth/v1/tokens/validate` without a `token` field, as st2auth answers.',
  },
  RULES_HTTP_RESOURCE_NOT_FOUND: {
    status: 404,
    message: 'Resource with a reference or id "{id}" not found',
    description:
      "No stored record (trigger instance, execution) or loaded rule has this id or ref; StackStorm's API answers the same.",
  },
  RULES_HTTP_EXPLAIN_RULE_UNKNOWN: {
    status: 404,
    message: 'Rule "{rule}" is not loaded',
    description:
      '`GET /v1/triggerinstances/<id>/explain?rule=<ref>` (issue 19) names a rule the served rule set does not have: a typo, or a rule file that does not compile.',
  },
  RULES_HTTP_QUERY_INVALID: {
    status: 400,
    message: 'Invalid query parameter {name}: {reason}',
    description: 'A query parameter of the console API (`since` of `GET /v1/activity`) has a value it cannot read.',
  },
  RULES_HTTP_RE_RUN_REFUSED: {
    status: 400,
    message: '{reason}',
    description:
      "`POST /v1/executions/<id>/re_run` cannot create the new execution: the action is gone or disabled, a parameter does not render or validate (StackStorm's messages), `parameters` is not a mapping, or a secret parameter, stored masked, can be recovered neither from the rule and trigger instance it came from nor from the request.",
  },
  RULES_HTTP_RE_RUN_UNAVAILABLE: {
    status: 503,
    message: 'No enforcement engine is running (RULES_ENGINE=off): executions cannot be re-run.',
    description: 'The server runs without its engine, so there is nothing that could run the action again.',
  },
  RULES_HTTP_CONSOLE_UNAVAILABLE: {
    status: 500,
    message: 'The console could not be built: {reason}',
    description:
      "The web console's assets are bundled with esbuild on the first request to `/console/` and kept in memory; the bundler failed (a broken install, or an edit to console/ that does not compile). The API and the webhooks are not affected.",
  },
  RULES_HTTP_INTERNAL: {
    status: 500,
    message: 'Internal Server Error',
    description:
      'A bug or an unexpected failure (also: the generic webhook with a non-object payload for a schema-less type, as in StackStorm).',
  },
} satisfies Record<string, HttpErrorDefinition>;

export type HttpErrorCode = keyof typeof httpErrors;
