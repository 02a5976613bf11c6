// Which body a request to a configured url carries: the runtime asks this before its StackStorm parsing.
import { decodeJsonPayloadForm, isFormContentType } from './form.ts';
import { queryStringToBody } from './query-body.ts';
import type { WebhookOptions } from '../model/index.ts';

export type WebhookBodyResult =
  /** Not ours: parse the body exactly as StackStorm does (spec §1.3). */
  | { kind: 'default' }
  | { kind: 'body'; body: unknown }
  /** 400 `Failed to parse request body: <message>`. */
  | { kind: 'error'; message: string };

/**
 * The body of a request under the url's options: GET → the query string (only when `methods` lists GET;
 * the caller routes methods), `form: json_payload` + form content type → the decoded payload, else default.
 * @example webhookBody(options, { method: 'GET', rawBody, contentType, query: 'a=1' })
 */
export function webhookBody(
  options: WebhookOptions | undefined,
  request: { method: string; rawBody: Buffer; contentType?: string | undefined; query: string },
): WebhookBodyResult {
  if (!options) return { kind: 'default' };
  if (request.method === 'GET' && options.methods.includes('GET')) {
    const result = queryStringToBody(request.query);
    return result.ok ? { kind: 'body', body: result.body } : { kind: 'error', message: result.message };
  }
  if (request.method === 'POST' && options.form === 'json_payload' && isFormContentType(request.contentType)) {
    const result = decodeJsonPayloadForm(request.rawBody);
    return result.ok ? { kind: 'body', body: result.body } : { kind: 'error', message: result.message };
  }
  return { kind: 'default' };
}
