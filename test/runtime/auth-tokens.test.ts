// st2auth's token endpoints against a real server: htpasswd (bcrypt as `htpasswd -B` writes it, and {SHA}),
// TTL limits with st2auth's messages, and the token then working on a webhook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { parseHtpasswd, basicCredentials } from '../../src/runtime/htpasswd.ts';
import { rule, ruleSet, startServer, json } from './helpers.ts';

// Apache writes $2y$; the hash is made here with a low cost to keep the test quick.
const bcryptLine = `alice:${bcrypt.hashSync('s3cret', 4).replace(/^\$2[ab]\$/, '$2y$')}`;
const shaLine = `bob:{SHA}${createHash('sha1').update('hunter2').digest('base64')}`;
const htpasswd = parseHtpasswd(`# users\n${bcryptLine}\n${shaLine}\ncarol:$apr1$abc$def\n`);
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('htpasswd: bcrypt ($2y$) and {SHA} entries verify; other schemes are listed as unsupported', async () => {
  assert.equal(await htpasswd.verify('alice', 's3cret'), true);
  assert.equal(await htpasswd.verify('alice', 'wrong'), false);
  assert.equal(await htpasswd.verify('bob', 'hunter2'), true);
  assert.equal(await htpasswd.verify('bob', 'hunter3'), false);
  assert.equal(await htpasswd.verify('nobody', 's3cret'), false);
  assert.deepEqual(htpasswd.unsupported, ['carol']);
  assert.deepEqual(basicCredentials(basic('a', 'b:c')), { user: 'a', password: 'b:c' });
  assert.equal(basicCredentials('Bearer x'), undefined);
});

test('POST /auth/v1/tokens: 201 with a token that then authenticates a webhook', async () => {
  const server = await startServer(
    ruleSet([rule('examples.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]),
    {
      auth: { enabled: true },
      tokens: { htpasswd, maxTtl: 3600 },
    },
  );
  try {
    const res = await fetch(`${server.url}/auth/v1/tokens`, {
      method: 'POST',
      headers: { authorization: basic('alice', 's3cret') },
    });
    assert.equal(res.status, 201);
    const body = (await res.json()) as { user: string; token: string; expiry: string; id: string };
    assert.equal(body.user, 'alice');
    assert.match(body.token, /^[0-9a-f]{32}$/);
    assert.match(body.expiry, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const left = Date.parse(body.expiry) - Date.now();
    assert.ok(left > 3500_000 && left <= 3600_000, `default TTL is the maximum: ${left} ms left`);

    const hook = await fetch(
      `${server.url}/v1/webhooks/sample`,
      json({ key1: 'value1' }, { 'X-Auth-Token': body.token }),
    );
    assert.equal(hook.status, 202);

    const valid = await fetch(`${server.url}/auth/v1/tokens/validate`, json({ token: body.token }));
    assert.deepEqual(await valid.json(), { valid: true });
    const invalid = await fetch(`${server.url}/v1/tokens/validate`, json({ token: 'nope' }));
    assert.deepEqual(await invalid.json(), { valid: false });
    const missing = await fetch(`${server.url}/tokens/validate`, json({}));
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), { faultstring: 'Token is not provided.' });
  } finally {
    await server.close();
  }
});

test('POST /auth/v1/tokens: bad credentials, TTL limits and no htpasswd configured', async () => {
  const server = await startServer(ruleSet([]), { auth: { enabled: true }, tokens: { htpasswd, maxTtl: 100 } });
  const bare = await startServer(ruleSet([]), { auth: { enabled: true } });
  try {
    const post = (base: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
      fetch(`${base}/auth/v1/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    for (const headers of [
      {} as Record<string, string>,
      { authorization: basic('alice', 'nope') },
      { authorization: 'Basic !!!' },
    ]) {
      const res = await post(server.url, headers);
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { faultstring: 'Invalid or missing credentials' });
    }
    const tooLong = await post(server.url, { authorization: basic('bob', 'hunter2') }, { ttl: 101 });
    assert.equal(tooLong.status, 400);
    assert.deepEqual(await tooLong.json(), { faultstring: 'TTL specified 101 is greater than max allowed 100.' });
    const zero = await post(server.url, { authorization: basic('bob', 'hunter2') }, { ttl: 0 });
    assert.equal(zero.status, 400);
    assert.deepEqual(await zero.json(), { faultstring: '0 is less than the minimum of 1' });
    const ok = await post(server.url, { authorization: basic('bob', 'hunter2') }, { ttl: 50 });
    assert.equal(ok.status, 201);
    const withNull = await post(server.url, { authorization: basic('bob', 'hunter2') }, { ttl: null });
    assert.equal(withNull.status, 201);

    const disabled = await post(bare.url, { authorization: basic('alice', 's3cret') });
    assert.equal(disabled.status, 501);
    assert.match(((await disabled.json()) as { faultstring: string }).faultstring, /no htpasswd file is configured/);
  } finally {
    await server.close();
    await bare.close();
  }
});
