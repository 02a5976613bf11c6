// Authentication over real HTTP (spec §2): messages, precedence, cookies, disabled auth.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../../src/store/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const rs = ruleSet([rule('p.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]);

describe('authentication', () => {
  let s: TestServer;
  let key: string;
  let disabledKey: string;
  const token = 'goodtoken';
  before(async () => {
    s = await startServer(rs, { auth: { enabled: true } });
    key = (await s.store.apiKeys.create('admin')).key;
    const d = await s.store.apiKeys.create('admin');
    disabledKey = d.key;
    await s.store.apiKeys.setEnabled(d.record.id, false);
    await s.store.tokens.create({ user: 'admin', token, ttlSeconds: 3600 });
    await s.store.tokens.create({ user: 'admin', token: 'oldtoken', ttlSeconds: 1, now: Date.now() - 10_000 });
  });
  after(() => s.close());

  const post = async (
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; fault: string | undefined; cookie: string | null }> => {
    const r = await fetch(s.url + path, json({ a: 1 }, headers));
    const body = (await r.json()) as { faultstring?: string };
    return { status: r.status, fault: body.faultstring, cookie: r.headers.get('set-cookie') };
  };

  it('each 401 of the table', async () => {
    assert.deepEqual(await post('/v1/webhooks/sample'), {
      status: 401,
      fault: 'Unauthorized - One of Token or API key required.',
      cookie: null,
    });
    assert.equal((await post('/v1/webhooks/sample', { 'x-auth-token': 'nope' })).fault, 'Unauthorized');
    assert.equal(
      (await post('/v1/webhooks/sample', { 'x-auth-token': 'oldtoken' })).fault,
      'Unauthorized - Token has expired.',
    );
    assert.equal(
      (await post('/v1/webhooks/sample', { 'st2-api-key': 'wrong' })).fault,
      `Unauthorized - ApiKey with key_hash=${hashApiKey('wrong')} not found.`,
    );
    assert.equal(
      (await post('/v1/webhooks/sample', { 'st2-api-key': disabledKey })).fault,
      'Unauthorized - API key is disabled.',
    );
  });

  it('no route is 404 before auth; auth is 401 before body parsing and before the hook lookup', async () => {
    assert.equal((await fetch(`${s.url}/nowhere`, { method: 'POST' })).status, 404);
    const r = await fetch(`${s.url}/v1/webhooks/unknown`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<x/>',
    });
    assert.equal(r.status, 401);
    assert.equal((await fetch(`${s.url}/v1/webhooks`)).status, 401);
  });

  it('accepts every credential source', async () => {
    assert.equal((await post('/v1/webhooks/sample', { 'St2-Api-Key': key })).status, 202);
    assert.equal((await post(`/v1/webhooks/sample?st2-api-key=${encodeURIComponent(key)}`)).status, 202);
    assert.equal((await post('/v1/webhooks/sample', { 'X-Auth-Token': token })).status, 202);
    assert.equal((await post(`/v1/webhooks/sample?x-auth-token=${token}`)).status, 202);
    assert.equal((await post('/v1/webhooks/sample', { cookie: `a=b; auth-token=${token}` })).status, 202);
  });

  it('precedence: token header, key header, token query, key query, cookie; the first present is the only one checked', async () => {
    // Token header wins over a valid key (test_multiple_auth_sources).
    assert.equal((await post('/v1/webhooks/sample', { 'x-auth-token': token, 'st2-api-key': 'wrong' })).status, 202);
    // An invalid first credential is a 401 even when a later one is valid.
    assert.equal(
      (await post('/v1/webhooks/sample', { 'x-auth-token': 'nope', 'st2-api-key': key })).fault,
      'Unauthorized',
    );
    assert.match(
      (await post(`/v1/webhooks/sample?x-auth-token=${token}`, { 'st2-api-key': 'wrong' })).fault ?? '',
      /ApiKey with key_hash/,
    );
    assert.equal(
      (await post(`/v1/webhooks/sample?x-auth-token=nope&st2-api-key=${encodeURIComponent(key)}`)).fault,
      'Unauthorized',
    );
    assert.match(
      (await post('/v1/webhooks/sample?st2-api-key=wrong', { cookie: `auth-token=${token}` })).fault ?? '',
      /ApiKey with key_hash/,
    );
    // Empty values count as absent.
    assert.equal((await post('/v1/webhooks/sample', { 'x-auth-token': '', 'st2-api-key': key })).status, 202);
    // Query names are case-sensitive.
    assert.equal(
      (await post(`/v1/webhooks/sample?X-Auth-Token=${token}`)).fault,
      'Unauthorized - One of Token or API key required.',
    );
  });

  it('a token from a header or the query sets the auth-token cookie; API keys and the cookie itself do not', async () => {
    const fromHeader = await post('/v1/webhooks/sample', { 'x-auth-token': token });
    assert.match(
      fromHeader.cookie ?? '',
      /^auth-token=goodtoken; Max-Age=(3600|359\d); Path=\/; expires=.+; secure; HttpOnly; SameSite=lax$/,
    );
    assert.match((await post(`/v1/webhooks/sample?x-auth-token=${token}`)).cookie ?? '', /^auth-token=goodtoken; /);
    assert.equal((await post('/v1/webhooks/sample', { 'st2-api-key': key })).cookie, null);
    assert.equal((await post('/v1/webhooks/sample', { cookie: `auth-token=${token}` })).cookie, null);
  });

  it('auth headers and Cookie never reach the payload; Authorization does', async () => {
    s.submitted.length = 0;
    await post('/v1/webhooks/sample', {
      'x-auth-token': token,
      'st2-api-key': key,
      cookie: 'x=1',
      authorization: 'Basic abc',
    });
    const payload = s.submitted[0]?.payload as { headers: Record<string, string> };
    assert.equal(payload.headers['X-Auth-Token'], undefined);
    assert.equal(payload.headers['St2-Api-Key'], undefined);
    assert.equal(payload.headers['Cookie'], undefined);
    assert.equal(payload.headers['Authorization'], 'Basic abc');
  });

  it('imported StackStorm key hashes authenticate the plain key', async () => {
    await s.store.apiKeys.importHash(hashApiKey('st2-exported-key'), 'ops');
    assert.equal((await post('/v1/webhooks/sample', { 'st2-api-key': 'st2-exported-key' })).status, 202);
  });

  it('GET listing needs auth too; extra API routes use the same check', async () => {
    assert.equal((await fetch(`${s.url}/v1/webhooks`, { headers: { 'st2-api-key': key } })).status, 200);
    const r = await fetch(`${s.url}/v1/triggerinstances`);
    assert.equal(r.status, 401);
    assert.deepEqual(await r.json(), { faultstring: 'Unauthorized - One of Token or API key required.' });
    assert.equal((await fetch(`${s.url}/v1/triggerinstances`, { headers: { 'st2-api-key': key } })).status, 200);
  });
});

describe('auth disabled', () => {
  it('needs no credential', async () => {
    const s = await startServer(rs, { auth: { enabled: false } });
    try {
      assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({}))).status, 202);
    } finally {
      await s.close();
    }
  });
});
