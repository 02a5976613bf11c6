// The generic HMAC recipe: header, algorithm, encoding, prefix and signed content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { parseSignedRecipe, verifySignature } from '../../src/webhooks/index.ts';
import { type HmacScheme } from '../../src/model/index.ts';
import { NOW, NOW_SECONDS, lookupFrom } from './helpers.ts';

const secrets = lookupFrom({ HOOK_SECRET: ['recipe-secret'] });
const base = {
  scheme: 'hmac',
  secrets: [{ env: 'HOOK_SECRET' }],
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
  tolerance: 300,
} as const;

function recipe(overrides: Partial<HmacScheme> & { header: string }, signed = '{body}'): HmacScheme {
  const parsed = parseSignedRecipe(signed);
  if ('error' in parsed) throw new Error(parsed.error);
  return { ...base, signed: parsed.parts, ...overrides };
}

test('the recipe reproduces GitHub when written as header + sha256 + hex + prefix (signed by octokit)', async () => {
  const options = recipe({ header: 'X-Hub-Signature-256', prefix: 'sha256=' });
  const body = '{"action":"opened","number":1}';
  assert.deepEqual(
    verifySignature(
      options,
      { rawBody: Buffer.from(body), headers: { 'x-hub-signature-256': await sign('recipe-secret', body) } },
      secrets,
    ),
    { ok: true },
  );
  const noPrefix = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { 'x-hub-signature-256': (await sign('recipe-secret', body)).slice(7) } },
    secrets,
  );
  assert.deepEqual(noPrefix.ok ? 'ok' : [noPrefix.check, noPrefix.message], [
    'format',
    'header X-Hub-Signature-256 does not start with sha256=',
  ]);
});

test('base64 sha256 of the body without prefix (Shopify style); tampered body fails', () => {
  const options = recipe({ header: 'X-Shopify-Hmac-Sha256', encoding: 'base64' });
  const body = '{"id":820982911946154508,"email":"jon@example.com"}';
  const mac = createHmac('sha256', 'recipe-secret').update(body).digest('base64');
  assert.deepEqual(
    verifySignature(options, { rawBody: Buffer.from(body), headers: { 'x-shopify-hmac-sha256': mac } }, secrets),
    { ok: true },
  );
  const bad = verifySignature(
    options,
    { rawBody: Buffer.from(body.replace('jon', 'eve')), headers: { 'x-shopify-hmac-sha256': mac } },
    secrets,
  );
  assert.equal(!bad.ok && bad.check, 'signature');
  const notBase64 = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { 'x-shopify-hmac-sha256': 'not base64!' } },
    secrets,
  );
  assert.equal(!notBase64.ok && notBase64.check, 'format');
});

test('sha512 and sha1 with a prefix', () => {
  const body = 'plain text body';
  for (const algorithm of ['sha1', 'sha512'] as const) {
    const options = recipe({ header: 'X-Signature', algorithm, prefix: `${algorithm}=` });
    const mac = createHmac(algorithm, 'recipe-secret').update(body).digest('hex');
    assert.deepEqual(
      verifySignature(
        options,
        { rawBody: Buffer.from(body), headers: { 'x-signature': `${algorithm}=${mac}` } },
        secrets,
      ),
      { ok: true },
    );
    // A digest of another algorithm has another length: a signature failure, never a crash.
    const other = createHmac('sha256', 'recipe-secret').update(body).digest('hex');
    const r = verifySignature(
      options,
      { rawBody: Buffer.from(body), headers: { 'x-signature': `${algorithm}=${other}` } },
      secrets,
    );
    assert.equal(!r.ok && r.check, 'signature');
  }
});

test('{timestamp}.{body} with a timestamp header: verifies, and stale requests fail the tolerance', () => {
  const options = recipe(
    { header: 'X-Signature', timestampHeader: 'X-Timestamp', prefix: 'v1=' },
    '{timestamp}.{body}',
  );
  const body = '{"event":"ping"}';
  const at = (t: number): Record<string, string> => ({
    'x-timestamp': String(t),
    'x-signature': `v1=${createHmac('sha256', 'recipe-secret').update(`${t}.${body}`).digest('hex')}`,
  });
  assert.deepEqual(
    verifySignature(options, { rawBody: Buffer.from(body), headers: at(NOW_SECONDS), now: NOW }, secrets),
    { ok: true },
  );
  const stale = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: at(NOW_SECONDS - 1000), now: NOW },
    secrets,
  );
  assert.deepEqual(stale.ok ? 'ok' : [stale.check, stale.message], [
    'timestamp',
    'header X-Timestamp is 1000s old, more than the tolerance of 300s',
  ]);
  const missing = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { 'x-signature': at(NOW_SECONDS)['x-signature'] }, now: NOW },
    secrets,
  );
  assert.deepEqual(missing.ok ? 'ok' : [missing.check, missing.message], ['header', 'missing header X-Timestamp']);
});

test('{header:Name} and literal braces in the signed content', () => {
  const options = recipe({ header: 'X-Sig' }, '{{v1}}:{header:X-Request-Id}:{body}');
  const body = 'x=1';
  const mac = createHmac('sha256', 'recipe-secret').update(`{v1}:req-42:${body}`).digest('hex');
  assert.deepEqual(
    verifySignature(
      options,
      { rawBody: Buffer.from(body), headers: { 'x-sig': mac, 'x-request-id': 'req-42' } },
      secrets,
    ),
    { ok: true },
  );
  const otherId = verifySignature(
    options,
    { rawBody: Buffer.from(body), headers: { 'x-sig': mac, 'x-request-id': 'req-43' } },
    secrets,
  );
  assert.equal(!otherId.ok && otherId.check, 'signature');
  const noId = verifySignature(options, { rawBody: Buffer.from(body), headers: { 'x-sig': mac } }, secrets);
  assert.deepEqual(noId.ok ? 'ok' : [noId.check, noId.message], ['header', 'missing header X-Request-Id']);
});

test('the raw body bytes are signed, not a re-decoded string', () => {
  const options = recipe({ header: 'X-Sig' });
  const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]); // not valid UTF-8
  const mac = createHmac('sha256', 'recipe-secret').update(raw).digest('hex');
  assert.deepEqual(verifySignature(options, { rawBody: raw, headers: { 'x-sig': mac } }, secrets), { ok: true });
  const decoded = Buffer.from(raw.toString('utf8'));
  const r = verifySignature(options, { rawBody: decoded, headers: { 'x-sig': mac } }, secrets);
  assert.equal(!r.ok && r.check, 'signature');
});

test('parseSignedRecipe: placeholders, escapes and errors with offsets', () => {
  assert.deepEqual(parseSignedRecipe('{body}'), { parts: [{ kind: 'body' }] });
  assert.deepEqual(parseSignedRecipe('v0:{timestamp}:{body}'), {
    parts: [{ kind: 'text', text: 'v0:' }, { kind: 'timestamp' }, { kind: 'text', text: ':' }, { kind: 'body' }],
  });
  assert.deepEqual(parseSignedRecipe('{{x}}'), { parts: [{ kind: 'text', text: '{x}' }] });
  assert.deepEqual(parseSignedRecipe('a{bogus}'), {
    error: 'unknown placeholder {bogus}: use {body}, {timestamp} or {header:<Name>}',
    start: 1,
    end: 8,
  });
  assert.deepEqual(parseSignedRecipe('{body'), {
    error: 'unclosed { (write {{ for a literal brace)',
    start: 0,
    end: 5,
  });
  assert.deepEqual(parseSignedRecipe('x}'), { error: 'unmatched } (write }} for a literal brace)', start: 1, end: 2 });
  assert.ok('error' in parseSignedRecipe('{header:bad name}'));
});
