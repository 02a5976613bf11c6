// Stripe signatures computed in the test with node:crypto following Stripe's docs ("verify manually"):
// signed_payload = "<t>.<raw body>", HMAC-SHA256 with the endpoint secret, hex, in `Stripe-Signature: t=…,v1=…`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../src/webhooks/index.ts';
import { type StripeScheme } from '../../src/model/index.ts';
import { NOW, NOW_SECONDS, lookupFrom } from './helpers.ts';

const SECRET = 'whsec_test_6c1f0d3a9b5e4c2f8a7d';
const options: StripeScheme = { scheme: 'stripe', secrets: [{ env: 'STRIPE_WEBHOOK_SECRET' }], tolerance: 300 };
const secrets = lookupFrom({ STRIPE_WEBHOOK_SECRET: [SECRET] });
const BODY = JSON.stringify(
  {
    id: 'evt_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { amount: 2000, currency: 'eur', description: 'Café' } },
  },
  null,
  2,
);

function v1(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}

function request(
  header: string | undefined,
  body = BODY,
): { rawBody: Buffer; headers: Record<string, string>; now: Date } {
  return {
    rawBody: Buffer.from(body, 'utf8'),
    headers: header === undefined ? {} : { 'stripe-signature': header },
    now: NOW,
  };
}

test('a Stripe-Signature computed as Stripe documents verifies, also with v0 and several v1 entries', () => {
  const t = NOW_SECONDS - 5;
  assert.deepEqual(verifySignature(options, request(`t=${t},v1=${v1(SECRET, t, BODY)}`), secrets), { ok: true });
  const rolled = `t=${t},v1=${v1('whsec_new_secret', t, BODY)},v1=${v1(SECRET, t, BODY)},v0=${v1('test', t, BODY)}`;
  assert.deepEqual(verifySignature(options, request(rolled), secrets), { ok: true });
});

test('tampered body, wrong secret, rotated secret', () => {
  const t = NOW_SECONDS;
  const header = `t=${t},v1=${v1(SECRET, t, BODY)}`;
  const tampered = verifySignature(options, request(header, BODY.replace('2000', '1')), secrets);
  assert.equal(!tampered.ok && tampered.check, 'signature');
  const wrong = verifySignature(options, request(`t=${t},v1=${v1('whsec_other', t, BODY)}`), secrets);
  assert.equal(!wrong.ok && wrong.check, 'signature');
  const rotating: StripeScheme = {
    ...options,
    secrets: [{ env: 'STRIPE_WEBHOOK_SECRET' }, { env: 'STRIPE_WEBHOOK_SECRET_OLD' }],
  };
  assert.deepEqual(
    verifySignature(
      rotating,
      request(`t=${t},v1=${v1('whsec_other', t, BODY)}`),
      lookupFrom({ STRIPE_WEBHOOK_SECRET: [SECRET], STRIPE_WEBHOOK_SECRET_OLD: ['whsec_other'] }),
    ),
    { ok: true },
  );
});

test('stale timestamps are rejected after the signature check; a moved t= breaks the signature', () => {
  const t = NOW_SECONDS - 301;
  const stale = verifySignature(options, request(`t=${t},v1=${v1(SECRET, t, BODY)}`), secrets);
  assert.deepEqual(stale.ok ? 'ok' : [stale.check, stale.message], [
    'timestamp',
    'header Stripe-Signature t= is 301s old, more than the tolerance of 300s',
  ]);
  const moved = verifySignature(options, request(`t=${NOW_SECONDS},v1=${v1(SECRET, t, BODY)}`), secrets);
  assert.equal(!moved.ok && moved.check, 'signature');
});

test('malformed Stripe-Signature headers are format failures', () => {
  const t = NOW_SECONDS;
  const mac = v1(SECRET, t, BODY);
  const cases: Array<[string | undefined, string, RegExp]> = [
    [undefined, 'header', /missing header Stripe-Signature/],
    [`v1=${mac}`, 'format', /no t= timestamp/],
    [`t=${t}`, 'format', /no v1= signature/],
    [`t=${t},v0=${mac}`, 'format', /no v1= signature/],
    [`t=${t},t=${t},v1=${mac}`, 'format', /more than one t=/],
    [`t=abc,v1=${mac}`, 'format', /not a Unix timestamp/],
    [`t=${t},v1=xyz`, 'format', /not a hex digest/],
    [`t=${t},garbage,v1=${mac}`, 'format', /key=value/],
  ];
  for (const [header, check, message] of cases) {
    const result = verifySignature(options, request(header), secrets);
    assert.equal(!result.ok && result.check, check, header);
    assert.match(!result.ok ? result.message : '', message);
  }
});
