// Standard Webhooks: vectors computed with the reference `standardwebhooks` package, which also
// cross-checks every request we accept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifySignature } from '../../src/webhooks/index.ts';
import { type StandardWebhooksScheme } from '../../src/model/index.ts';
import { lookupFrom, octokitExamples } from './helpers.ts';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OLD_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const options: StandardWebhooksScheme = {
  scheme: 'standard-webhooks',
  secrets: [{ env: 'SW' }, { env: 'SW_OLD' }],
  tolerance: 300,
};
const secrets = lookupFrom({ SW: [SECRET] });

function signed(secret: string, id: string, when: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(when.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, when, body),
  };
}

test('payloads signed by the standardwebhooks package verify (and the package agrees)', () => {
  const now = new Date();
  for (const [index, { payload }] of octokitExamples().slice(0, 60).entries()) {
    const body = JSON.stringify(payload);
    const headers = signed(SECRET, `msg_${index}`, now, body);
    assert.deepEqual(verifySignature(options, { rawBody: Buffer.from(body), headers, now }, secrets), { ok: true });
    assert.doesNotThrow(() => new Webhook(SECRET).verify(body, headers));
  }
});

test('the Standard Webhooks specification example vector', () => {
  // From standard-webhooks spec.md / the reference libraries' tests.
  const result = verifySignature(
    options,
    {
      rawBody: Buffer.from('{"test": 2432232314}'),
      headers: {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      now: new Date(1614265330 * 1000),
    },
    lookupFrom({ SW: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }),
  );
  assert.deepEqual(result, { ok: true });
});

test('several space-separated signatures: any v1 matching is enough; unknown versions are skipped', () => {
  const now = new Date();
  const body = '{"type":"invoice.paid"}';
  const headers = signed(SECRET, 'msg_1', now, body);
  const other = new Webhook(OLD_SECRET).sign('msg_1', now, body);
  const multi = { ...headers, 'webhook-signature': `v1a,AAAA ${other} ${headers['webhook-signature']}` };
  assert.deepEqual(verifySignature(options, { rawBody: Buffer.from(body), headers: multi, now }, secrets), {
    ok: true,
  });
  const onlyOther = { ...headers, 'webhook-signature': `v1a,AAAA ${other}` };
  const r = verifySignature(options, { rawBody: Buffer.from(body), headers: onlyOther, now }, secrets);
  assert.equal(!r.ok && r.check, 'signature');
  const noV1 = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { ...headers, 'webhook-signature': 'v2,abcd' }, now },
    secrets,
  );
  assert.equal(!noV1.ok && noV1.check, 'format');
  assert.match(!noV1.ok ? noV1.message : '', /no v1 signature/);
});

test('key rotation: a request signed with the old key verifies while the old secret is still listed', () => {
  const now = new Date();
  const body = '{"rotated":true}';
  const headers = signed(OLD_SECRET, 'msg_rot', now, body);
  const onlyNew = verifySignature(options, { rawBody: Buffer.from(body), headers, now }, secrets);
  assert.equal(!onlyNew.ok && onlyNew.check, 'signature');
  assert.deepEqual(
    verifySignature(
      options,
      { rawBody: Buffer.from(body), headers, now },
      lookupFrom({ SW: [SECRET], SW_OLD: [OLD_SECRET] }),
    ),
    { ok: true },
  );
  // The whsec_ prefix is optional, as in the reference libraries.
  assert.deepEqual(
    verifySignature(
      options,
      { rawBody: Buffer.from(body), headers, now },
      lookupFrom({ SW: [OLD_SECRET.slice('whsec_'.length)] }),
    ),
    { ok: true },
  );
});

test('stale and future timestamps fail the timestamp check, only for otherwise authentic requests', () => {
  const now = new Date('2026-11-29T03:00:00Z');
  const body = '{"a":1}';
  const stale = signed(SECRET, 'msg_old', new Date(now.getTime() - 301_000), body);
  const r1 = verifySignature(options, { rawBody: Buffer.from(body), headers: stale, now }, secrets);
  assert.deepEqual(r1.ok ? 'ok' : [r1.check, /301s old/.test(r1.message)], ['timestamp', true]);
  const future = signed(SECRET, 'msg_new', new Date(now.getTime() + 301_000), body);
  const r2 = verifySignature(options, { rawBody: Buffer.from(body), headers: future, now }, secrets);
  assert.deepEqual(r2.ok ? 'ok' : [r2.check, /in the future/.test(r2.message)], ['timestamp', true]);
  const edge = signed(SECRET, 'msg_edge', new Date(now.getTime() - 300_000), body);
  assert.deepEqual(verifySignature(options, { rawBody: Buffer.from(body), headers: edge, now }, secrets), { ok: true });
  // The package itself rejects the stale one too (it reads the real clock, so re-sign relative to it).
  const realStale = signed(SECRET, 'msg_old2', new Date(Date.now() - 600_000), body);
  assert.throws(() => new Webhook(SECRET).verify(body, realStale), /too old/);
  // A tampered timestamp is a signature failure, not a timestamp one: the timestamp is signed.
  const moved = { ...stale, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)) };
  const r3 = verifySignature(options, { rawBody: Buffer.from(body), headers: moved, now }, secrets);
  assert.equal(!r3.ok && r3.check, 'signature');
});

test('tampered body or id, missing headers, bad timestamp and a non-base64 secret', () => {
  const now = new Date();
  const body = '{"amount":100}';
  const headers = signed(SECRET, 'msg_x', now, body);
  const tampered = verifySignature(options, { rawBody: Buffer.from('{"amount":900}'), headers, now }, secrets);
  assert.equal(!tampered.ok && tampered.check, 'signature');
  const otherId = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { ...headers, 'webhook-id': 'msg_y' }, now },
    secrets,
  );
  assert.equal(!otherId.ok && otherId.check, 'signature');
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const partial = { ...headers };
    delete partial[name];
    const r = verifySignature(options, { rawBody: Buffer.from(body), headers: partial, now }, secrets);
    assert.deepEqual(r.ok ? 'ok' : [r.check, r.message], ['header', `missing header ${name}`]);
  }
  const badTs = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { ...headers, 'webhook-timestamp': '-5' }, now },
    secrets,
  );
  assert.equal(!badTs.ok && badTs.check, 'format');
  const badSecret = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers, now },
    lookupFrom({ SW: ['whsec_***not base64***'] }),
  );
  assert.equal(!badSecret.ok && badSecret.check, 'secret');
});
