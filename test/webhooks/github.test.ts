// GitHub signatures over the real example payloads of @octokit/webhooks-examples, signed by an independent
// implementation (@octokit/webhooks-methods), the way GitHub signs deliveries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { verifySignature } from '../../src/webhooks/index.ts';
import { type GithubScheme } from '../../src/model/index.ts';
import { lookupFrom, octokitExamples } from './helpers.ts';

const SECRET = 'It’s a Secret to Everybody';
const options: GithubScheme = { scheme: 'github', secrets: [{ env: 'GH_SECRET' }], sha1: false };
const secrets = lookupFrom({ GH_SECRET: [SECRET] });

test('every Octokit example payload signed by @octokit/webhooks-methods verifies', async () => {
  const examples = octokitExamples();
  assert.ok(examples.length > 100, `expected the full example set, got ${examples.length}`);
  for (const { event, payload } of examples) {
    const body = JSON.stringify(payload);
    const signature = await sign(SECRET, body);
    const result = verifySignature(
      options,
      { rawBody: Buffer.from(body, 'utf8'), headers: { 'x-hub-signature-256': signature, 'x-github-event': event } },
      secrets,
    );
    assert.deepEqual(result, { ok: true }, `${event}: ${JSON.stringify(result)}`);
  }
});

test('GitHub documentation vector: "Hello, World!" with "It\'s a Secret to Everybody"', () => {
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
  const result = verifySignature(
    { scheme: 'github', secrets: [{ env: 'S' }], sha1: false },
    {
      rawBody: Buffer.from('Hello, World!'),
      headers: { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
    },
    lookupFrom({ S: ["It's a Secret to Everybody"] }),
  );
  assert.deepEqual(result, { ok: true });
});

test('a tampered body fails the signature check, for every example', async () => {
  for (const { event, payload } of octokitExamples().slice(0, 40)) {
    const body = JSON.stringify(payload);
    const signature = await sign(SECRET, body);
    const tampered = Buffer.from(body.replace(/.$/, ' }'), 'utf8');
    const result = verifySignature(
      options,
      { rawBody: tampered, headers: { 'x-hub-signature-256': signature } },
      secrets,
    );
    assert.equal(result.ok, false, event);
    assert.equal(!result.ok && result.check, 'signature');
  }
});

test('one flipped byte, re-encoded payload or trailing newline is a signature failure', async () => {
  const body = JSON.stringify(octokitExamples()[0]?.payload);
  const signature = await sign(SECRET, body);
  const bytes = Buffer.from(body);
  bytes[10] = (bytes[10] ?? 0) ^ 1;
  for (const raw of [bytes, Buffer.from(`${body}\n`), Buffer.from(JSON.stringify(JSON.parse(body), null, 2))]) {
    const result = verifySignature(options, { rawBody: raw, headers: { 'X-Hub-Signature-256': signature } }, secrets);
    assert.deepEqual(result.ok ? 'ok' : result.check, 'signature');
  }
});

test('wrong secret fails; a rotated secret (old still listed) verifies; an unset secret is check "secret"', async () => {
  const body = '{"zen":"Keep it logically awesome."}';
  const signedWithOld = await sign('old-secret', body);
  const request = { rawBody: Buffer.from(body), headers: { 'x-hub-signature-256': signedWithOld } };
  const r1 = verifySignature(options, request, secrets);
  assert.equal(!r1.ok && r1.check, 'signature');
  assert.match(!r1.ok ? r1.message : '', /X-Hub-Signature-256 does not match/);

  const rotating: GithubScheme = {
    scheme: 'github',
    secrets: [{ env: 'GH_SECRET' }, { datastore: 'github_old' }],
    sha1: false,
  };
  assert.deepEqual(
    verifySignature(rotating, request, lookupFrom({ GH_SECRET: [SECRET], 'ds:github_old': ['old-secret'] })),
    { ok: true },
  );
  // Several values behind one reference are a rotation too.
  assert.deepEqual(verifySignature(options, request, lookupFrom({ GH_SECRET: [SECRET, 'old-secret'] })), { ok: true });

  const unset = verifySignature(options, request, lookupFrom({}));
  assert.equal(!unset.ok && unset.check, 'secret');
  assert.match(!unset.ok ? unset.message : '', /environment variable GH_SECRET/);
  // An empty secret never counts: HMAC with an empty key is forgeable by anyone.
  const empty = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { 'x-hub-signature-256': await sign('x', body) } },
    lookupFrom({ GH_SECRET: [''] }),
  );
  assert.equal(!empty.ok && empty.check, 'secret');
});

test('missing, duplicated and malformed headers name the check that failed', async () => {
  const body = Buffer.from('{"a":1}');
  const good = await sign(SECRET, body.toString());
  const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
    [{}, 'header', /missing header X-Hub-Signature-256/],
    [{ 'x-hub-signature-256': '' }, 'header', /missing header/],
    [{ 'x-hub-signature-256': good.slice('sha256='.length) }, 'format', /does not start with sha256=/],
    [{ 'x-hub-signature-256': good.replace('sha256=', 'sha1=') }, 'format', /does not start with sha256=/],
    [{ 'x-hub-signature-256': `${good}zz` }, 'format', /hex digest/],
    [{ 'x-hub-signature-256': good.slice(0, -2) }, 'signature', /does not match/],
    [{ 'x-hub-signature-256': [good, good] }, 'format', /more than once/],
    [{ 'x-hub-signature-256': good, 'X-Hub-Signature-256': good }, 'format', /more than once/],
  ];
  for (const [headers, check, message] of cases) {
    const result = verifySignature(options, { rawBody: body, headers }, secrets);
    assert.equal(result.ok, false, JSON.stringify(headers));
    assert.equal(!result.ok && result.check, check, JSON.stringify(headers));
    assert.match(!result.ok ? result.message : '', message);
  }
  // Uppercase hex is still the same digest.
  assert.deepEqual(
    verifySignature(
      options,
      { rawBody: body, headers: { 'x-hub-signature-256': `sha256=${good.slice(7).toUpperCase()}` } },
      secrets,
    ),
    { ok: true },
  );
});

test('legacy X-Hub-Signature (sha1) only when enabled, and only without X-Hub-Signature-256', async () => {
  const body = JSON.stringify(octokitExamples()[5]?.payload);
  const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
  const request = { rawBody: Buffer.from(body), headers: { 'x-hub-signature': sha1 } };
  const disabled = verifySignature(options, request, secrets);
  assert.equal(!disabled.ok && disabled.check, 'header');
  const withSha1: GithubScheme = { ...options, sha1: true };
  assert.deepEqual(verifySignature(withSha1, request, secrets), { ok: true });
  // When both are sent, sha256 decides: a good sha1 cannot rescue a bad sha256.
  const both = {
    rawBody: Buffer.from(body),
    headers: { 'x-hub-signature': sha1, 'x-hub-signature-256': await sign('wrong', body) },
  };
  const r = verifySignature(withSha1, both, secrets);
  assert.equal(!r.ok && r.check, 'signature');
  const none = verifySignature(withSha1, { rawBody: Buffer.from(body), headers: {} }, secrets);
  assert.match(!none.ok ? none.message : '', /X-Hub-Signature-256 \(or X-Hub-Signature\)/);
});
