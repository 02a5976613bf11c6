// The webhook paths on our own node:http handler (src/runtime/webhook-handler.ts) next to fastify on one port:
// failures inside the handler become fault answers and the server keeps serving, the body limit by declared
// length and by stream, X-Request-ID, one log line and one count per request, fastify still answering the
// other paths, and a graceful close that lets an in-flight webhook finish.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, payloadHeaders } from '../../src/runtime/index.ts';
import { isWebhookRequest } from '../../src/runtime/http-server.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const rs = ruleSet([rule('p.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]);

/** Log lines of a pino logger, parsed. */
function captureLogs(): { logger: ReturnType<typeof createLogger>; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the HTTP/1.1 answers in `text` (Content-Length framed, as all of ours are). */
function parseAnswers(text: string): RawAnswer[] {
  const out: RawAnswer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
    const length = Number(headers['content-length'] ?? 0);
    out.push({ status: Number(statusLine.split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

/** A raw socket: what was written, everything received, and whether the server closed it. */
function rawConnection(port: number): {
  write(data: string): void;
  answers(count: number): Promise<RawAnswer[]>;
  closed: Promise<void>;
  destroy(): void;
} {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (c: Buffer) => {
    received += c.toString('latin1');
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    write: (data) => socket.write(data),
    async answers(count) {
      for (;;) {
        const parsed = parseAnswers(received);
        if (parsed.length >= count && parsed.every((a) => a.body.length === Number(a.headers['content-length'] ?? 0)))
          return parsed;
        await Promise.race([new Promise<void>((r) => waiters.push(r)), closed]);
        if (socket.destroyed) return parseAnswers(received);
      }
    },
    closed,
    destroy: () => socket.destroy(),
  };
}

const portOf = (s: TestServer): number => (s.app.server.address() as AddressInfo).port;

describe('failures inside the webhook handler', () => {
  it('a throwing processor is logged and the webhook still answers 202; a throwing store commit is a 503', async () => {
    const { logger, lines } = captureLogs();
    const store = openStore(':memory:');
    let commitThrows = false;
    const throwing: Store = {
      ...store,
      commit: (records) => {
        // Synchronously, not a rejected promise: the handler must catch both.
        if (commitThrows) throw new Error('store exploded');
        return store.commit(records);
      },
    };
    const s = await startServer(rs, {
      store: throwing,
      logger,
      processor: {
        submit: () => {
          throw new Error('processor exploded');
        },
      },
    });
    try {
      const r = await fetch(`${s.url}/v1/webhooks/sample`, json({ a: 1 }));
      assert.equal(r.status, 202);
      assert.deepEqual(await r.json(), { a: 1 });
      const refused = lines.find((l) => l['msg'] === 'processor refused a trigger instance');
      assert.equal((refused?.['err'] as { message?: string } | undefined)?.message, 'processor exploded');
      assert.match(String(refused?.['reqId']), /^[0-9a-f-]{36}$/);
      commitThrows = true;
      const down = await fetch(`${s.url}/v1/webhooks/sample`, json({ a: 2 }));
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), {
        faultstring: 'Service Unavailable - the trigger instance could not be stored: store exploded',
      });
      commitThrows = false;
      assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({ a: 3 }))).status, 202);
    } finally {
      await s.close();
    }
  });

  it('an unexpected throw (rule set getter, dedupe lookup) is RULES_HTTP_INTERNAL with a logged error, and the server keeps serving', async () => {
    const { logger, lines } = captureLogs();
    const store = openStore(':memory:');
    let broken: 'none' | 'ruleset' | 'deliveries' = 'none';
    const deliveries = {
      ...store.deliveries,
      find: (...args: Parameters<Store['deliveries']['find']>) => {
        if (broken === 'deliveries') throw new Error('deliveries exploded');
        return store.deliveries.find(...args);
      },
    };
    const s = await startServer(rs, {
      store: { ...store, deliveries },
      logger,
      ruleSet: () => {
        if (broken === 'ruleset') throw new Error('rule set exploded');
        return rs;
      },
    });
    try {
      for (const what of ['ruleset', 'deliveries'] as const) {
        broken = what;
        const r = await fetch(
          `${s.url}/v1/webhooks/sample`,
          json({ a: 1 }, { 'webhook-id': `id-${what}`, 'x-request-id': `req-${what}` }),
        );
        assert.equal(r.status, 500, what);
        assert.deepEqual(await r.json(), { faultstring: 'Internal Server Error' });
        assert.equal(r.headers.get('x-request-id'), `req-${what}`);
        assert.equal(r.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
        const logged = lines.find((l) => l['msg'] === 'unhandled error' && l['reqId'] === `req-${what}`);
        assert.match(
          String((logged?.['err'] as { message?: string } | undefined)?.message),
          new RegExp(`${what === 'ruleset' ? 'rule set' : 'deliveries'} exploded`),
        );
      }
      broken = 'none';
      assert.equal(
        (await fetch(`${s.url}/v1/webhooks/sample`, json({ a: 1 }, { 'webhook-id': 'id-after' }))).status,
        202,
      );
      const text = await (await fetch(`${s.url}/metrics`)).text();
      assert.match(text, /rules_http_requests_total\{route="hook",method="POST",status="500"\} 1\n/);
      assert.match(text, /rules_http_requests_total\{route="\/\*",method="POST",status="500"\} 1\n/);
    } finally {
      await s.close();
    }
  });
});

describe('body limit', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer(rs, { bodyLimit: 1024 });
  });
  after(() => s.close());

  it('a declared Content-Length over the limit is a 413 before the body is read; the connection is closed, the server serves on', async () => {
    const c = rawConnection(portOf(s));
    // Only the headers and a few bytes: the answer must not wait for the other 99,990.
    c.write(
      'POST /v1/webhooks/sample HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"x": "aa',
    );
    const [answer] = await c.answers(1);
    assert.equal(answer?.status, 413);
    assert.deepEqual(JSON.parse(answer?.body ?? ''), { faultstring: 'Request body exceeds the limit of 1024 bytes' });
    assert.equal(answer?.headers['connection'], 'close');
    assert.match(answer?.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
    await c.closed;
    assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({ ok: true }))).status, 202);
  });

  it('a chunked stream growing over the limit is a 413 at the first chunk past it; the connection is closed, the server serves on', async () => {
    const c = rawConnection(portOf(s));
    c.write(
      'POST /v1/webhooks/sample HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = 'a'.repeat(600);
    c.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    await new Promise((r) => setTimeout(r, 50));
    c.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    // No terminating chunk: the stream is still open when the answer comes.
    const [answer] = await c.answers(1);
    assert.equal(answer?.status, 413);
    assert.equal(answer?.headers['connection'], 'close');
    await c.closed;
    assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({ ok: true }))).status, 202);
    // Through fetch too: the client sees the 413, not a broken socket.
    const big = await fetch(`${s.url}/v1/webhooks/sample`, json({ x: 'a'.repeat(5000) }));
    assert.equal(big.status, 413);
  });

  it("a malformed Content-Type is StackStorm's 400 Unsupported Content-Type (fastify answered 415)", async () => {
    for (const type of ['garbage', '']) {
      const r = await fetch(`${s.url}/v1/webhooks/sample`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{}',
      });
      assert.equal(r.status, 400, type);
      assert.deepEqual(await r.json(), {
        faultstring: `Failed to parse request body: Unsupported Content-Type: "${type}"`,
      });
    }
  });

  it('a chunked body under the limit is accepted, and an answer given before the body (401) keeps the connection for the next request', async () => {
    const authed = await startServer(rs, { bodyLimit: 1024, auth: { enabled: true } });
    try {
      const { key } = await authed.store.apiKeys.create('tester');
      const c = rawConnection(portOf(authed));
      const body = JSON.stringify({ y: 'b'.repeat(500) });
      c.write(
        `POST /v1/webhooks/sample HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      c.write(
        `POST /v1/webhooks/sample HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nSt2-Api-Key: ${key}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"y":\r\n3\r\n 1}\r\n0\r\n\r\n`,
      );
      const [first, second] = await c.answers(2);
      assert.equal(first?.status, 401);
      assert.equal(first?.headers['connection'], 'keep-alive');
      assert.equal(second?.status, 202);
      assert.deepEqual(JSON.parse(second?.body ?? ''), { y: 1 });
      c.destroy();
    } finally {
      await authed.close();
    }
  });
});

describe('one port, two handlers', () => {
  let s: TestServer;
  const logs = captureLogs();
  before(async () => {
    s = await startServer(rs, { logger: logs.logger, auth: { enabled: true } });
  });
  after(() => s.close());

  it('X-Request-ID: echoed when sent, a uuid otherwise, the same one in the payload headers; CORS on every answer', async () => {
    const { key } = await s.store.apiKeys.create('tester');
    s.submitted.length = 0;
    const sent = await fetch(
      `${s.url}/v1/webhooks/sample`,
      json({}, { 'x-request-id': 'my-id-1', 'st2-api-key': key, origin: 'http://127.0.0.1:3000' }),
    );
    assert.equal(sent.status, 202);
    assert.equal(sent.headers.get('x-request-id'), 'my-id-1');
    assert.equal(sent.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
    assert.equal(sent.headers.get('access-control-expose-headers'), 'Content-Type,X-Limit,X-Total-Count,X-Request-ID');
    const none = await fetch(`${s.url}/v1/webhooks/sample`, json({}, { 'st2-api-key': key }));
    const id = none.headers.get('x-request-id') ?? '';
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const payloads = s.submitted.map((i) => (i.payload as { headers: Record<string, string> }).headers['X-Request-Id']);
    assert.deepEqual(payloads, ['my-id-1', id]);
    const refused = await fetch(`${s.url}/v1/webhooks/sample`, json({}, { 'x-request-id': 'my-id-2' }));
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('x-request-id'), 'my-id-2');
    const health = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'my-id-3' } });
    assert.equal(health.headers.get('x-request-id'), 'my-id-3');
  });

  it('fastify still answers the other paths on the same port: OPTIONS, /healthz, unknown paths, API routes', async () => {
    const port = portOf(s);
    assert.equal(new URL(s.url).port, String(port));
    const preflight = await fetch(`${s.url}/v1/webhooks/sample`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    assert.equal(preflight.status, 200);
    assert.equal(await preflight.text(), '');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET,POST,PUT,DELETE');
    assert.deepEqual(await (await fetch(`${s.url}/healthz`)).json(), {
      status: 'ok',
      generation: 1,
      store: { writable: true },
    });
    const nowhere = await fetch(`${s.url}/nowhere`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<x/>',
    });
    assert.equal(nowhere.status, 404);
    assert.deepEqual(await nowhere.json(), { faultstring: 'The resource could not be found.' });
    assert.equal((await fetch(`${s.url}/v1/rules`)).status, 401);
    const text = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(text, /rules_http_requests_total\{route="\/\*",method="OPTIONS",status="200"\} 1\n/);
    assert.match(text, /rules_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+\n/);
    assert.match(text, /rules_http_requests_total\{route="hook",method="POST",status="401"\} \d+\n/);
  });

  it('one log line per request, the URL credentials masked, built by both handlers', async () => {
    const before = logs.lines.length;
    await fetch(`${s.url}/v1/webhooks/sample?st2-api-key=secret-key&a=1`, json({}, { 'x-request-id': 'log-1' }));
    await fetch(`${s.url}/healthz?x-auth-token=secret-token`, { headers: { 'x-request-id': 'log-2' } });
    const lines = logs.lines.slice(before).filter((l) => l['msg'] === 'request');
    assert.deepEqual(
      lines.map((l) => [l['reqId'], l['method'], l['url'], l['status']]),
      [
        ['log-1', 'POST', '/v1/webhooks/sample?st2-api-key=********&a=1', 401],
        ['log-2', 'GET', '/healthz?x-auth-token=********', 200],
      ],
    );
    for (const l of lines) assert.equal(typeof l['ms'], 'number');
  });

  it('percent-encoded prefixes are webhook paths, as StackStorm decodes the path first', () => {
    assert.equal(isWebhookRequest('POST', '/v1/%77ebhooks/sample'), true);
    assert.equal(isWebhookRequest('POST', '/api/v1/webhooks?x=1'), true);
    assert.equal(isWebhookRequest('POST', '/v1/webhooksX'), false);
    assert.equal(isWebhookRequest('OPTIONS', '/v1/webhooks/sample'), false);
    assert.equal(isWebhookRequest('PROPFIND', '/v1/webhooks/sample'), false);
  });
});

describe('graceful close', () => {
  it('an in-flight webhook finishes with its 202 (Connection: close) while app.close() waits for it', async () => {
    const store = openStore(':memory:');
    let release: () => void = () => undefined;
    let committing: () => void = () => undefined;
    const started = new Promise<void>((r) => (committing = r));
    const slow: Store = {
      ...store,
      commit: async (records) => {
        committing();
        await new Promise<void>((r) => (release = r));
        return store.commit(records);
      },
    };
    const s = await startServer(rs, { store: slow });
    const pending = fetch(`${s.url}/v1/webhooks/sample`, json({ inflight: true }));
    await started;
    let closed = false;
    const closing = s.app.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(closed, false, 'close waits for the in-flight request');
    release();
    const r = await pending;
    assert.equal(r.status, 202);
    assert.equal(r.headers.get('connection'), 'close');
    assert.deepEqual(await r.json(), { inflight: true });
    await closing;
    assert.equal(s.submitted.length, 1);
    await assert.rejects(fetch(`${s.url}/v1/webhooks/sample`, json({})));
    await store.close();
  });
});

describe('payload headers', () => {
  it('header names that look like prototype keys stay own data properties', () => {
    const { headers, headers_lower } = payloadHeaders(
      ['__proto__', 'a', 'constructor', 'b', 'X-Request-ID', 'r'],
      'unused',
    );
    assert.deepEqual(Object.keys(headers), ['--Proto--', 'Constructor', 'X-Request-Id']);
    assert.deepEqual(Object.keys(headers_lower), ['--proto--', 'constructor', 'x-request-id']);
    assert.equal(headers_lower['constructor'], 'b');
    assert.equal(Object.getPrototypeOf(headers), Object.prototype);
    assert.equal(Object.getPrototypeOf(headers_lower), Object.prototype);
  });
});
