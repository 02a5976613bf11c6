// `form: json_payload`: GitHub (content type application/x-www-form-urlencoded) sends `payload=<url-encoded
// JSON>`. StackStorm would give rules `{"payload": ["<json text>"]}` (parse_qs lists, spec §1.3); with this
// option the body object is the decoded JSON instead, so criteria read `trigger.body.action` either way.
import sjson from 'secure-json-parse';
import { MAX_JSON_DEPTH, jsonTooDeep } from './json-depth.ts';

export type FormDecodeResult = { ok: true; body: unknown } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a `payload=<json>` form body. The JSON goes through secure-json-parse with fastify's defaults,
 * so `__proto__` and `constructor.prototype` keys are refused just as in a JSON request body.
 * The runtime prefixes `message` with `Failed to parse request body: ` (a 400).
 * @example decodeJsonPayloadForm(Buffer.from('payload=%7B%22a%22%3A1%7D')) // { ok: true, body: { a: 1 } }
 */
export function decodeJsonPayloadForm(rawBody: Buffer): FormDecodeResult {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { ok: false, message: 'form body is not valid UTF-8' };
  }
  const params = new URLSearchParams(text);
  const values = params.getAll('payload');
  if (values.length === 0) return { ok: false, message: 'form body has no payload field (form: json_payload)' };
  if (values.length > 1) return { ok: false, message: 'form body has more than one payload field' };
  if (jsonTooDeep(values[0] as string))
    return { ok: false, message: `payload field nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return {
      ok: true,
      body: sjson.parse(values[0] as string, null, { protoAction: 'error', constructorAction: 'error' }) as unknown,
    };
  } catch (error) {
    return { ok: false, message: `payload field is not valid JSON: ${(error as Error).message}` };
  }
}

/** True for the content type GitHub uses for form deliveries (parameters such as charset ignored). */
export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
