// Slack request signing (v0), signatures computed in the test with node:crypto following Slack's docs:
// basestring "v0:<X-Slack-Request-Timestamp>:<raw body>", HMAC-SHA256 with the signing secret, hex, "v0=" prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../src/webhooks/index.ts';
import { type SlackScheme } from '../../src/model/index.ts';
import { NOW, NOW_SECONDS, lookupFrom } from './helpers.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const options: SlackScheme = { scheme: 'slack', secrets: [{ env: 'SLACK_SIGNING_SECRET' }], tolerance: 300 };
const secrets = lookupFrom({ SLACK_SIGNING_SECRET: [SECRET] });
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fwebbot&text=caf%C3%A9&trigger_id=398738663015.47445629121';

function slackHeaders(secret: string, timestamp: number, body: string | Buffer): Record<string, string> {
  const mac = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${mac}` };
}

test('a request signed as Slack documents verifies', () => {
  const result = verifySignature(
    options,
    { rawBody: Buffer.from(BODY), headers: slackHeaders(SECRET, NOW_SECONDS - 10, BODY), now: NOW },
    secrets,
  );
  assert.deepEqual(result, { ok: true });
});

test('tampered body, wrong secret and rotated secret', () => {
  const headers = slackHeaders(SECRET, NOW_SECONDS, BODY);
  const tampered = verifySignature(
    options,
    { rawBody: Buffer.from(BODY.replace('webbot', 'rootme')), headers, now: NOW },
    secrets,
  );
  assert.equal(!tampered.ok && tampered.check, 'signature');
  const wrong = verifySignature(
    options,
    { rawBody: Buffer.from(BODY), headers: slackHeaders('not-the-secret', NOW_SECONDS, BODY), now: NOW },
    secrets,
  );
  assert.equal(!wrong.ok && wrong.check, 'signature');
  const rotating: SlackScheme = {
    ...options,
    secrets: [{ env: 'SLACK_SIGNING_SECRET' }, { datastore: 'slack_previous' }],
  };
  const old = slackHeaders('previous-secret', NOW_SECONDS, BODY);
  assert.deepEqual(
    verifySignature(
      rotating,
      { rawBody: Buffer.from(BODY), headers: old, now: NOW },
      lookupFrom({ SLACK_SIGNING_SECRET: [SECRET], 'ds:slack_previous': ['previous-secret'] }),
    ),
    { ok: true },
  );
});

test('a replayed request outside the tolerance fails the timestamp check, both ways', () => {
  const stale = verifySignature(
    options,
    { rawBody: Buffer.from(BODY), headers: slackHeaders(SECRET, NOW_SECONDS - 301, BODY), now: NOW },
    secrets,
  );
  assert.deepEqual(stale.ok ? 'ok' : [stale.check, stale.message], [
    'timestamp',
    'header X-Slack-Request-Timestamp is 301s old, more than the tolerance of 300s',
  ]);
  const future = verifySignature(
    options,
    { rawBody: Buffer.from(BODY), headers: slackHeaders(SECRET, NOW_SECONDS + 301, BODY), now: NOW },
    secrets,
  );
  assert.equal(!future.ok && future.check, 'timestamp');
  const wide: SlackScheme = { ...options, tolerance: 3600 };
  assert.deepEqual(
    verifySignature(
      wide,
      { rawBody: Buffer.from(BODY), headers: slackHeaders(SECRET, NOW_SECONDS - 301, BODY), now: NOW },
      secrets,
    ),
    { ok: true },
  );
  // Moving the timestamp forward to dodge the tolerance breaks the signature.
  const headers = {
    ...slackHeaders(SECRET, NOW_SECONDS - 3000, BODY),
    'x-slack-request-timestamp': String(NOW_SECONDS),
  };
  const moved = verifySignature(options, { rawBody: Buffer.from(BODY), headers, now: NOW }, secrets);
  assert.equal(!moved.ok && moved.check, 'signature');
});

test('missing headers, wrong prefix, bad timestamp', () => {
  const headers = slackHeaders(SECRET, NOW_SECONDS, BODY);
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [
      { 'x-slack-request-timestamp': headers['x-slack-request-timestamp'] as string },
      'header',
      /missing header X-Slack-Signature/,
    ],
    [
      { 'x-slack-signature': headers['x-slack-signature'] as string },
      'header',
      /missing header X-Slack-Request-Timestamp/,
    ],
    [
      { ...headers, 'x-slack-signature': (headers['x-slack-signature'] as string).replace('v0=', 'v1=') },
      'format',
      /does not start with v0=/,
    ],
    [{ ...headers, 'x-slack-request-timestamp': '1.5e9' }, 'format', /not a Unix timestamp/],
  ];
  for (const [h, check, message] of cases) {
    const result = verifySignature(options, { rawBody: Buffer.from(BODY), headers: h, now: NOW }, secrets);
    assert.equal(!result.ok && result.check, check, JSON.stringify(h));
    assert.match(!result.ok ? result.message : '', message);
  }
});
