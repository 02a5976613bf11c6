// `http-request`: one HTTP call with node's fetch, result `{status_code, headers, body, parsed}` as StackStorm's
// http runner returns it (body JSON-decoded when the response says JSON), 200..206 succeeded.
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { RunnerDefinition, RunOutcome } from '../types.ts';
import { timeoutSeconds } from './shared.ts';
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent } from 'undici';

// Loaded on first use, not at import: commands that never serve (compile, test, help) do not pay for it (issue 18).
const require = createRequire(import.meta.url);

// The same undici major as Node 20's own fetch, so its Agent is a valid `dispatcher` there. Made once, on first use.
let insecure: Agent | undefined;
function insecureAgent(): Agent {
  const undici = require('undici') as typeof Undici;
  return (insecure ??= new undici.Agent({ connect: { rejectUnauthorized: false } }));
}

const methods = new Set(['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PURGE']);

function stringRecord(value: unknown): Array<[string, string]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

async function readCapped(response: Response, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = (response.body as unknown as WebReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const value = chunk.value;
    if (size + value.length > max) {
      chunks.push(value.subarray(0, max - size));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

export const httpRequest: RunnerDefinition = {
  name: 'http-request',
  runnerParameters: ['url', 'cookies', 'http_proxy', 'https_proxy', 'allow_redirects', 'verify_ssl_cert', 'headers'],
  defaultTimeout: 60,
  async run(input): Promise<RunOutcome> {
    const p = input.parameters;
    const timeout = timeoutSeconds(p, this.defaultTimeout);
    let url: URL;
    try {
      url = new URL(String(p['url']));
    } catch {
      return { status: 'failed', result: { error: `Invalid URL: ${String(p['url'])}` } };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { status: 'failed', result: { error: `Unsupported URL scheme: ${url.protocol}` } };
    for (const [k, v] of stringRecord(p['params'])) url.searchParams.append(k, v);
    const method = typeof p['method'] === 'string' ? p['method'].toUpperCase() : 'GET';
    if (!methods.has(method)) return { status: 'failed', result: { error: `Unsupported method: ${method}` } };
    const headers = new Headers(stringRecord(p['headers']));
    let body: string | undefined;
    const raw = p['body'];
    if (raw !== undefined && raw !== null && raw !== '' && method !== 'GET' && method !== 'HEAD') {
      if (typeof raw === 'string') body = raw;
      else {
        // StackStorm JSON-encodes dict/list bodies; say so when the action did not set a content type.
        body = JSON.stringify(raw);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
    }
    if (typeof p['username'] === 'string' && typeof p['password'] === 'string' && !headers.has('authorization')) {
      headers.set('authorization', `Basic ${Buffer.from(`${p['username']}:${p['password']}`).toString('base64')}`);
    }
    const timer = AbortSignal.timeout(timeout * 1000);
    const signal = input.signal ? AbortSignal.any([timer, input.signal]) : timer;
    try {
      // verify_ssl_cert: false (StackStorm's requests `verify=False`) needs a dispatcher that skips certificate checks.
      const insecure = p['verify_ssl_cert'] === false ? { dispatcher: insecureAgent() } : {};
      const response = await fetch(url, {
        method,
        headers,
        body,
        signal,
        redirect: p['allow_redirects'] === true ? 'follow' : 'manual',
        ...insecure,
      });
      const { text, truncated } = await readCapped(response, input.maxOutputBytes);
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        responseHeaders[key] = value;
      });
      let parsedBody: unknown = text;
      let parsed = false;
      if (!truncated && /\bjson\b/i.test(response.headers.get('content-type') ?? '')) {
        try {
          parsedBody = JSON.parse(text);
          parsed = true;
        } catch {
          // StackStorm keeps the raw text when the JSON does not parse.
        }
      }
      const result: Record<string, unknown> = {
        status_code: response.status,
        headers: responseHeaders,
        body: parsedBody,
        parsed,
      };
      if (truncated) result['truncated'] = true;
      return { status: response.status >= 200 && response.status <= 206 ? 'succeeded' : 'failed', result };
    } catch (error) {
      if (input.signal?.aborted) return { status: 'canceled', result: { error: 'Execution canceled' } };
      if (timer.aborted)
        return { status: 'timeout', result: { error: `Action failed to complete in ${timeout} seconds` } };
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      return {
        status: 'failed',
        result: { error: cause ? `${(error as Error).message}: ${cause}` : (error as Error).message },
      };
    }
  },
};
