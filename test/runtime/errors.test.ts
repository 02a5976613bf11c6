// Every row of the spec §1.8 error table, plus routes (§1.1) and the order of checks (§1.2), over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { json, rule, ruleSet, startServer, triggerType } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const rules = [
  rule('p.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } }),
  rule('p.nested', { type: 'core.st2.webhook', parameters: { url: '/a/b/c/' } }),
  rule('p.typed', { type: 'mypack.mytrigger' }),
  rule('p.pct', { type: 'core.st2.webhook', parameters: { url: 'a%zz' } }),
];
const types = [
  triggerType('mypack.mytrigger', { type: 'object', properties: { attribute1: { type: 'string', required: true } } }),
];

async function call(
  s: TestServer,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const r = await fetch(s.url + path, init);
  const text = await r.text();
  return { status: r.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: r.headers };
}

describe('§1.8 error table', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer(ruleSet(rules, types));
  });
  after(() => s.close());

  it('no route: 404 The resource could not be found.', async () => {
    for (const [method, path] of [
      ['POST', '/v1/webhooks'],
      ['POST', '/v1/webhooks/'],
      ['POST', '/V1/webhooks/sample'],
      ['PUT', '/v1/webhooks/sample'],
      ['DELETE', '/v1/webhooks/sample'],
      ['GET', '/v1/webhooks/a/b'],
      ['GET', '/nothing'],
    ] as const) {
      const r = await call(s, path, { method });
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.deepEqual(r.body, { faultstring: 'The resource could not be found.' });
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    }
    assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, { method: 'HEAD' })).status, 404);
  });

  it('unknown custom hook: 404 Webhook <hook> not registered with st2, hook printed as matched', async () => {
    assert.deepEqual((await call(s, '/v1/webhooks/nope', json({}))).body, {
      faultstring: 'Webhook nope not registered with st2',
    });
    const r = await call(s, '/v1/webhooks//sample', json({}));
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { faultstring: 'Webhook /sample not registered with st2' });
    assert.deepEqual((await call(s, '/v1/webhooks/sample//', json({}))).body, {
      faultstring: 'Webhook sample/ not registered with st2',
    });
    // Malformed escapes stay as written, invalid UTF-8 becomes U+FFFD (Python's unquote), never a router error.
    assert.deepEqual((await call(s, '/v1/webhooks/b%', json({}))).body, {
      faultstring: 'Webhook b% not registered with st2',
    });
    assert.deepEqual((await call(s, '/v1/webhooks/%ff', json({}))).body, {
      faultstring: 'Webhook \ufffd not registered with st2',
    });
  });

  it('bad JSON / bad charset: 400 Failed to parse request body: ...', async () => {
    for (const body of ['{"a":', '{"a": NaN}', '{"a": "\\ud800"}', '{"__proto__": {"x": 1}}']) {
      const r = await call(s, '/v1/webhooks/sample', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(r.status, 400, body);
      assert.match((r.body as { faultstring: string }).faultstring, /^Failed to parse request body: ./, body);
    }
    const bad = await call(s, '/v1/webhooks/sample', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0xff, 0x7d]),
    });
    assert.deepEqual(bad.body, {
      faultstring:
        "Failed to parse request body: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
    });
    const charset = await call(s, '/v1/webhooks/sample', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=nope' },
      body: '{}',
    });
    assert.deepEqual(charset.body, { faultstring: 'Failed to parse request body: unknown encoding: nope' });
  });

  it('unsupported media type: 400, compared verbatim', async () => {
    for (const type of ['Application/JSON', 'application/json ', 'application/xml']) {
      const r = await call(s, '/v1/webhooks/sample', {
        method: 'POST',
        headers: { 'content-type': `${type};charset=utf-8` },
        body: '{}',
      });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { faultstring: `Failed to parse request body: Unsupported Content-Type: "${type}"` });
    }
  });

  it('JSON scalar body: 400 with the Python repr', async () => {
    for (const [body, repr] of [
      ['"foo"', "'foo'"],
      ['5', '5'],
      ['null', 'None'],
      ['true', 'True'],
    ]) {
      const r = await call(s, '/v1/webhooks/sample', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { faultstring: `${repr} is not of type 'object', 'array'` });
    }
  });

  it('a bad body to an unknown hook is a 400, not a 404', async () => {
    const r = await call(s, '/v1/webhooks/nope', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '5',
    });
    assert.equal(r.status, 400);
  });

  it('st2 hook: array body, missing trigger, bad payload, unknown trigger', async () => {
    assert.deepEqual((await call(s, '/v1/webhooks/st2', json([{ a: 1 }]))).body, {
      faultstring: 'Webhook body needs to be an object, got: array',
    });
    for (const trigger of [undefined, '', null, 0]) {
      const r = await call(s, '/v1/webhooks/st2', json({ trigger, payload: {} }));
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { faultstring: 'Trigger not specified.' });
    }
    const invalid = await call(s, '/v1/webhooks/st2', json({ trigger: 'mypack.mytrigger', payload: 'invalid' }));
    assert.equal(invalid.status, 400);
    assert.equal(
      (invalid.body as { faultstring: string }).faultstring,
      "Trigger payload validation failed and validation is enabled, not dispatching a trigger \"mypack.mytrigger\" (invalid): 'invalid' is not of type 'object'",
    );
    const missing = await call(s, '/v1/webhooks/st2', json({ trigger: 'mypack.mytrigger', payload: {} }));
    assert.match(
      (missing.body as { faultstring: string }).faultstring,
      /\(\{\}\): 'attribute1' is a required property$/,
    );
    const none = await call(s, '/v1/webhooks/st2', json({ trigger: 'mypack.mytrigger' }));
    assert.match((none.body as { faultstring: string }).faultstring, /\(None\): None is not of type 'object'$/);
    const unknown = await call(s, '/v1/webhooks/st2', json({ trigger: 'nope.nope', payload: { a: 1 } }));
    assert.equal(unknown.status, 400);
    assert.equal(
      (unknown.body as { faultstring: string }).faultstring,
      'Trigger payload validation failed and validation is enabled, not dispatching a trigger "nope.nope" ({\'a\': 1}): Trigger type with reference "nope.nope" doesn\'t exist in the database',
    );
  });

  it('GET /v1/webhooks/<unknown>: 404 Unhandled exception', async () => {
    const r = await call(s, '/v1/webhooks/unknown');
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { faultstring: 'Unhandled exception' });
  });

  it('routes: three prefixes, trailing slash, percent-decoding, nested hooks', async () => {
    for (const path of [
      '/v1/webhooks/sample',
      '/webhooks/sample',
      '/api/v1/webhooks/sample',
      '/v1/webhooks/sample/',
      '/v1/webhooks/%73ample',
      '/v1/webhooks/a/b/c',
      '/v1/webhooks/a%2Fb%2Fc',
      '/v1/webhooks/a%zz',
      '/v1/webhooks/a%25zz',
    ]) {
      const r = await call(s, path, json({ k: 1 }));
      assert.equal(r.status, 202, path);
      assert.deepEqual(r.body, { k: 1 });
    }
  });

  it('every response carries X-Request-ID (echoed when sent) and CORS headers; OPTIONS is 200 without auth', async () => {
    const r = await fetch(`${s.url}/v1/webhooks/sample`, {
      ...json({}),
      headers: { 'content-type': 'application/json', 'x-request-id': 'abc-123' },
    });
    assert.equal(r.headers.get('x-request-id'), 'abc-123');
    const nf = await fetch(`${s.url}/nowhere`);
    assert.match(nf.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(nf.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
    const o = await fetch(`${s.url}/v1/webhooks/anything/at/all`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    assert.equal(o.status, 200);
    assert.equal(await o.text(), '');
    assert.equal(o.headers.get('access-control-allow-methods'), 'GET,POST,PUT,DELETE');
    assert.match(o.headers.get('access-control-allow-headers') ?? '', /St2-Api-Key/);
  });
});

describe('body limit and 5xx', () => {
  it('answers 413 over the configured limit, 202 under it', async () => {
    const s = await startServer(ruleSet(rules, types), { bodyLimit: 1024 });
    try {
      const big = await call(s, '/v1/webhooks/sample', json({ x: 'a'.repeat(2000) }));
      assert.equal(big.status, 413);
      assert.deepEqual(big.body, { faultstring: 'Request body exceeds the limit of 1024 bytes' });
      assert.equal((await call(s, '/v1/webhooks/sample', json({ x: 'a'.repeat(500) }))).status, 202);
    } finally {
      await s.close();
    }
  });

  it('defaults to 10 MiB', async () => {
    const s = await startServer(ruleSet(rules, types));
    try {
      assert.equal((await call(s, '/v1/webhooks/sample', json({ x: 'a'.repeat(9 * 1024 * 1024) }))).status, 202);
      assert.equal((await call(s, '/v1/webhooks/sample', json({ x: 'a'.repeat(10 * 1024 * 1024) }))).status, 413);
    } finally {
      await s.close();
    }
  });

  it('a store that refuses writes gives 503, never 202, and nothing is submitted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-refuse-'));
    const path = join(dir, 'rules.db');
    const s = await startServer(ruleSet(rules, types), { store: openStore(path) });
    // Another connection makes the file refuse inserts (as a full disk or a read-only mount would).
    const admin = new Database(path);
    try {
      admin.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON trigger_instances BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
      );
      const r = await call(s, '/v1/webhooks/sample', json({ a: 1 }));
      assert.equal(r.status, 503);
      assert.match(
        (r.body as { faultstring: string }).faultstring,
        /^Service Unavailable - the trigger instance could not be stored: /,
      );
      assert.equal(s.submitted.length, 0);
      admin.exec('DROP TRIGGER refuse');
      assert.equal((await call(s, '/v1/webhooks/sample', json({ a: 1 }))).status, 202);
      assert.equal(s.submitted.length, 1);
    } finally {
      admin.close();
      await s.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
