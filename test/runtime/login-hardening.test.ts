// Issue 16, item 4: POST /auth/v1/tokens must not stall webhooks, tell which users exist, or allow fast guessing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { parseHtpasswd } from '../../src/runtime/htpasswd.ts';
import { bcryptCompare } from '../../src/runtime/bcrypt-worker.ts';
import { rule, ruleSet, startServer, json } from './helpers.ts';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const hooks = ruleSet([rule('examples.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]);

test('bcrypt runs off the event loop: a webhook sent during 12 wrong logins is answered before they all are', async () => {
  // Cost 10: each comparison is ~0.05-0.3 s of CPU, so 12 of them take seconds whatever the machine.
  const htpasswd = parseHtpasswd(`alice:${bcrypt.hashSync('right', 10)}\n`);
  const server = await startServer(hooks, {
    tokens: { htpasswd, loginLimits: { perUser: 100, perClient: 100 } },
  });
  try {
    const order: string[] = [];
    const before = performance.eventLoopUtilization();
    const logins = Array.from({ length: 12 }, (_v, i) =>
      fetch(`${server.url}/auth/v1/tokens`, { method: 'POST', headers: { authorization: basic('alice', `w${i}`) } })
        .then((r) => assert.equal(r.status, 401))
        .then(() => order.push('login')),
    );
    await new Promise((r) => setTimeout(r, 50));
    const hook = fetch(`${server.url}/v1/webhooks/sample`, json({ k: 1 })).then((r) => {
      assert.equal(r.status, 202);
      order.push('webhook');
    });
    await Promise.all([...logins, hook]);
    // On the event loop the comparisons would keep it busy nearly all the time (utilisation ~1); in the worker
    // this thread only waits for their answers. A ratio of busy to idle time, not a speed.
    const busy = performance.eventLoopUtilization(before).utilization;
    assert.ok(busy < 0.5, `the event loop was busy ${Math.round(busy * 100)}% of the logins`);
    assert.ok(order.indexOf('webhook') < order.length - 1, `the webhook waited for every login: ${order.join(' ')}`);
  } finally {
    await server.close();
  }
});

test('an unknown user costs one bcrypt comparison, against the most expensive hash of the file', async () => {
  const cheap = bcrypt.hashSync('a', 4);
  const dear = bcrypt.hashSync('b', 6);
  const seen: string[] = [];
  const compare = (password: string, hash: string): Promise<boolean> => {
    seen.push(hash);
    return bcryptCompare(password, hash);
  };
  const htpasswd = parseHtpasswd(`a:${cheap}\nb:${dear}\n`, { compare });
  assert.equal(await htpasswd.verify('nobody', 'b'), false, 'the decoy hash never lets anyone in');
  assert.deepEqual(seen, [dear]);
  assert.equal(await htpasswd.verify('b', 'b'), true);
  assert.equal(await htpasswd.verify('a', 'b'), false);
  assert.deepEqual(seen, [dear, dear, cheap]);
  // A file of {SHA} entries only: nothing to time against, no bcrypt at all.
  const sha = parseHtpasswd(`bob:{SHA}${createHash('sha1').update('pw').digest('base64')}\n`, { compare });
  assert.equal(await sha.verify('nobody', 'pw'), false);
  assert.equal(await sha.verify('bob', 'pw'), true);
  assert.equal(seen.length, 3);
});

test('failed logins are limited per user and per client: 429 with Retry-After, before any password check', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let compared = 0;
  const line = (user: string) => `${user}:{SHA}${createHash('sha1').update(`${user}-pw`).digest('base64')}`;
  const users = Array.from({ length: 30 }, (_v, i) => `u${i}`);
  const htpasswd = parseHtpasswd(`${line('alice')}\n${users.map(line).join('\n')}\n`, {
    compare: () => (compared++, Promise.resolve(false)),
  });
  const server = await startServer(hooks, { tokens: { htpasswd, now: () => now } });
  const login = (user: string, password: string) =>
    fetch(`${server.url}/auth/v1/tokens`, { method: 'POST', headers: { authorization: basic(user, password) } });
  try {
    for (let i = 0; i < 5; i++) assert.equal((await login('alice', 'wrong')).status, 401);
    const limited = await login('alice', 'alice-pw');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.match(((await limited.json()) as { faultstring: string }).faultstring, /Too many failed logins/);
    // Other users from this client still get their own chances (the client has used 5 of 20).
    assert.equal((await login('u0', 'u0-pw')).status, 201);
    now += 61_000;
    assert.equal((await login('alice', 'alice-pw')).status, 201, 'the window is over');
    // 20 failures from one client, spread over many users, lock the client out for every user.
    for (let i = 0; i < 20; i++) assert.equal((await login(users[i % 30] ?? '', 'nope')).status, 401);
    assert.equal((await login('u29', 'u29-pw')).status, 429);
    assert.equal(compared, 0, 'no bcrypt in a {SHA} file');
  } finally {
    await server.close();
  }
});
