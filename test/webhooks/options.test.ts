// Webhook options documents → WebhookOptions, with stable codes; conflicts and unknown urls over all files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes } from '../../src/diagnostics/index.ts';
import type { SourceMap, Span } from '../../src/model/index.ts';
import {
  checkWebhookConflicts,
  checkWebhookUrls,
  normaliseUrl,
  webhookOptionsFromDocument,
} from '../../src/webhooks/index.ts';
import { type WebhookOptions } from '../../src/model/index.ts';

const FILE = '/packs/github/webhooks/push.yaml';

/** A stand-in SourceMap: pointer → line (key spans one column left of value spans). */
function fakeSource(lines: Record<string, number>): SourceMap {
  const at = (line: number, column: number): Span => ({
    file: FILE,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  });
  return {
    file: FILE,
    span: (pointer) => (Object.hasOwn(lines, pointer) ? at(lines[pointer] as number, 5) : undefined),
    keySpan: (pointer) => (Object.hasOwn(lines, pointer) ? at(lines[pointer] as number, 1) : undefined),
    scalarOffset: () => undefined,
  };
}

function build(
  document: unknown,
  pack = 'github',
  file = FILE,
  source?: SourceMap,
): ReturnType<typeof webhookOptionsFromDocument> {
  return webhookOptionsFromDocument(source ? { document, pack, file, source } : { document, pack, file });
}

const codesOf = (r: { diagnostics: Array<{ code: string }> }): string[] => r.diagnostics.map((d) => d.code);

test('a full GitHub document becomes a typed model with defaults filled in', () => {
  const result = build({
    url: '/github/push/',
    auth: 'signature',
    signature: {
      scheme: 'github',
      secret: { env: 'GITHUB_WEBHOOK_SECRET' },
      secrets: [{ datastore: 'github_old_secret' }],
      sha1: true,
    },
    response: { status: 200, headers: { 'X-Handled-By': 'rules' }, body: '{{ trigger.body.zen }}' },
    methods: ['POST', 'GET'],
    form: 'json_payload',
    dedupe_header: 'X-GitHub-Delivery',
  });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.value, {
    url: '/github/push/',
    normalizedUrl: 'github/push',
    pack: 'github',
    file: FILE,
    auth: 'signature',
    methods: ['POST', 'GET'],
    signature: {
      scheme: 'github',
      secrets: [{ env: 'GITHUB_WEBHOOK_SECRET' }, { datastore: 'github_old_secret' }],
      sha1: true,
    },
    response: { kind: 'custom', status: 200, headers: { 'X-Handled-By': 'rules' }, body: '{{ trigger.body.zen }}' },
    form: 'json_payload',
    dedupeHeader: 'X-GitHub-Delivery',
  } satisfies WebhookOptions);
});

test('minimal document: st2 auth, POST only, no signature; on_no_match response; scheme defaults', () => {
  assert.deepEqual(build({ url: 'sample' }).value, {
    url: 'sample',
    normalizedUrl: 'sample',
    pack: 'github',
    file: FILE,
    auth: 'st2',
    methods: ['POST'],
  });
  assert.deepEqual(build({ url: 'sample', response: 'on_no_match' }).value?.response, { kind: 'on_no_match' });
  assert.deepEqual(build({ url: 'x', response: {} }).value?.response, { kind: 'custom', status: 202, headers: {} });
  assert.deepEqual(
    build({ url: 'x', auth: 'both', signature: { scheme: 'slack', secret: { env: 'S' } } }).value?.signature,
    {
      scheme: 'slack',
      secrets: [{ env: 'S' }],
      tolerance: 300,
    },
  );
  const hmac = build({
    url: 'x',
    auth: 'signature',
    signature: {
      scheme: 'hmac',
      secret: { env: 'S' },
      header: 'X-Sig',
      signed: '{timestamp}.{body}',
      timestamp_header: 'X-Ts',
      tolerance: 60,
    },
  });
  assert.deepEqual(hmac.diagnostics, []);
  assert.deepEqual(hmac.value?.signature, {
    scheme: 'hmac',
    secrets: [{ env: 'S' }],
    header: 'X-Sig',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: '',
    signed: [{ kind: 'timestamp' }, { kind: 'text', text: '.' }, { kind: 'body' }],
    tolerance: 60,
    timestampHeader: 'X-Ts',
  });
});

test('an inline secret is an error that never repeats the secret, placed at the value', () => {
  const source = fakeSource({ '': 1, '/signature/secret': 4, '/signature/secrets/0': 6 });
  for (const signature of [
    { scheme: 'github', secret: 'hunter2-very-secret' },
    { scheme: 'github', secret: { value: 'hunter2-very-secret' } },
    { scheme: 'github', secret: { env: 'OK' }, secrets: ['hunter2-very-secret'] },
    { scheme: 'github', secret: { env: 'OK' }, secrets: 'hunter2-very-secret' },
    { scheme: 'github', secret: 12345678 },
  ]) {
    const result = build({ url: 'github', auth: 'signature', signature }, 'github', FILE, source);
    assert.equal(result.value, undefined);
    const inline = result.diagnostics.filter((d) => d.code === 'RULES_E_WEBHOOK_INLINE_SECRET');
    assert.equal(inline.length, 1, JSON.stringify(signature));
    assert.ok(!JSON.stringify(result.diagnostics).includes('hunter2'), 'the secret must not be echoed');
    assert.ok(!JSON.stringify(result.diagnostics).includes('12345678'), 'the secret must not be echoed');
    assert.equal(inline[0]?.severity, 'error');
    assert.ok([4, 6, 1].includes(inline[0]?.line ?? 0));
  }
  const placed = build(
    { url: 'github', auth: 'signature', signature: { scheme: 'github', secret: 'x' } },
    'github',
    FILE,
    source,
  );
  assert.deepEqual(
    placed.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.pointer]),
    [['RULES_E_WEBHOOK_INLINE_SECRET', FILE, 4, 5, '/signature/secret']],
  );
});

test('unknown scheme with did-you-mean; options of another scheme; missing hmac header', () => {
  const unknown = build({ url: 'x', auth: 'signature', signature: { scheme: 'githbu', secret: { env: 'S' } } });
  assert.deepEqual(codesOf(unknown), ['RULES_E_WEBHOOK_UNKNOWN_SCHEME']);
  assert.equal(unknown.diagnostics[0]?.hint, 'did you mean github?');
  assert.equal(unknown.diagnostics[0]?.pointer, '/signature/scheme');
  const missing = build({ url: 'x', auth: 'signature', signature: { secret: { env: 'S' } } });
  assert.deepEqual(codesOf(missing), ['RULES_E_WEBHOOK_UNKNOWN_SCHEME']);

  const wrongOption = build({
    url: 'x',
    auth: 'signature',
    signature: { scheme: 'github', secret: { env: 'S' }, tolerance: 60, header: 'X' },
  });
  assert.deepEqual(codesOf(wrongOption), ['RULES_E_WEBHOOK_SCHEME_OPTION', 'RULES_E_WEBHOOK_SCHEME_OPTION']);
  assert.match(wrongOption.diagnostics[0]?.hint ?? '', /github accepts sha1/);
  const noHeader = build({ url: 'x', auth: 'signature', signature: { scheme: 'hmac', secret: { env: 'S' } } });
  assert.deepEqual(codesOf(noHeader), ['RULES_E_WEBHOOK_SCHEME_OPTION']);
  const typo = build({
    url: 'x',
    auth: 'signature',
    signature: { scheme: 'slack', secret: { env: 'S' }, tolerence: 5 },
  });
  assert.deepEqual(codesOf(typo), ['RULES_E_WEBHOOK_INVALID']);
  assert.equal(typo.diagnostics[0]?.hint, 'did you mean tolerance?');
});

test('signed recipes are checked at load time', () => {
  const sig = (extra: Record<string, unknown>): unknown => ({
    url: 'x',
    auth: 'signature',
    signature: { scheme: 'hmac', secret: { env: 'S' }, header: 'X-Sig', ...extra },
  });
  assert.deepEqual(codesOf(build(sig({ signed: '{ts}.{body}' }))), ['RULES_E_WEBHOOK_SIGNED_RECIPE']);
  assert.deepEqual(codesOf(build(sig({ signed: '{timestamp}.{body}' }))), ['RULES_E_WEBHOOK_SIGNED_RECIPE']);
  assert.deepEqual(codesOf(build(sig({ timestamp_header: 'X-Ts' }))), ['RULES_E_WEBHOOK_SIGNED_RECIPE']);
  assert.deepEqual(codesOf(build(sig({ algorithm: 'md5', encoding: 'base32' }))), [
    'RULES_E_WEBHOOK_INVALID',
    'RULES_E_WEBHOOK_INVALID',
  ]);
});

test('auth and signature must agree; st2 url cannot be configured; malformed fields', () => {
  assert.deepEqual(codesOf(build({ url: 'x', auth: 'signature' })), ['RULES_E_WEBHOOK_SIGNATURE_MISSING']);
  const unused = build({ url: 'x', signature: { scheme: 'gitlab', secret: { env: 'T' } } });
  assert.deepEqual(codesOf(unused), ['RULES_W_WEBHOOK_SIGNATURE_UNUSED']);
  assert.ok(unused.value, 'a warning keeps the value');
  assert.deepEqual(codesOf(build({ url: '/st2/' })), ['RULES_E_WEBHOOK_GENERIC_URL']);
  for (const [document, pointer] of [
    [{}, ''],
    [{ url: '///' }, '/url'],
    [{ url: 'x', auth: 'apikey' }, '/auth'],
    [{ url: 'x', methods: ['PUT'] }, '/methods'],
    [{ url: 'x', methods: ['GET', 'GET'] }, '/methods'],
    [{ url: 'x', form: 'multipart' }, '/form'],
    [{ url: 'x', dedupe_header: 'bad header' }, '/dedupe_header'],
    [{ url: 'x', response: { status: 100 } }, '/response/status'],
    [{ url: 'x', response: { headers: { 'X-A': 'a\r\nSet-Cookie: x' } } }, '/response/headers/X-A'],
    [{ url: 'x', response: { body: 5 } }, '/response/body'],
    [{ url: 'x', response: 'echo' }, '/response'],
    [{ url: 'x', urls: 'y' }, '/urls'],
    [['url', 'x'], ''],
  ] as Array<[unknown, string]>) {
    const result = build(document);
    assert.equal(result.value, undefined, JSON.stringify(document));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.pointer]),
      [['RULES_E_WEBHOOK_INVALID', pointer]],
      JSON.stringify(document),
    );
  }
});

test('a __proto__ key in the document is reported, never followed', () => {
  const document = JSON.parse('{"url":"x","__proto__":{"auth":"signature"}}') as unknown;
  const result = build(document);
  assert.deepEqual(codesOf(result), ['RULES_E_WEBHOOK_INVALID']);
  assert.equal(({} as Record<string, unknown>)['auth'], undefined);
});

test('conflicts across packs: differing options are errors, identical ones warnings, at the later file', () => {
  const a = build(
    { url: 'github', auth: 'signature', signature: { scheme: 'github', secret: { env: 'A' } } },
    'pack_a',
    '/p/a/webhooks/github.yaml',
  ).value as WebhookOptions;
  const b = build({ url: '/github/', auth: 'st2' }, 'pack_b', '/p/b/webhooks/github.yaml', fakeSource({ '/url': 2 }))
    .value as WebhookOptions;
  const c = build(
    { url: 'github/', auth: 'signature', signature: { scheme: 'github', secret: { env: 'A' } } },
    'pack_c',
    '/p/c/webhooks/gh.yaml',
  ).value as WebhookOptions;
  const d = build({ url: 'other' }, 'pack_d', '/p/d/webhooks/other.yaml').value as WebhookOptions;
  const diagnostics = checkWebhookConflicts([a, b, c, d]);
  assert.deepEqual(
    diagnostics.map((x) => [x.code, x.severity, x.file, x.line]),
    [
      ['RULES_E_WEBHOOK_CONFLICT', 'error', FILE, 2],
      ['RULES_W_WEBHOOK_DUPLICATE', 'warning', '/p/c/webhooks/gh.yaml', 1],
    ],
  );
  assert.match(
    diagnostics[0]?.message ?? '',
    /webhook url github is also configured, differently, in pack pack_a \(\/p\/a\/webhooks\/github.yaml\)/,
  );
  assert.deepEqual(checkWebhookConflicts([a, d]), []);
});

test('options for urls no rule declares are warnings with did-you-mean; rule urls are normalised', () => {
  const a = build({ url: 'github/push' }).value as WebhookOptions;
  const b = build({ url: 'gitlab/pusj' }).value as WebhookOptions;
  const diagnostics = checkWebhookUrls([a, b], ['/github/push/', 'gitlab/push']);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.hint]),
    [['RULES_W_WEBHOOK_UNKNOWN_URL', 'warning', 'did you mean gitlab/push?']],
  );
  assert.deepEqual(checkWebhookUrls([a], new Set(['github/push'])), []);
});

test('normaliseUrl is Python strip("/")', () => {
  assert.equal(normaliseUrl('/a/b/'), 'a/b');
  assert.equal(normaliseUrl('//a//'), 'a');
  assert.equal(normaliseUrl('a/ b'), 'a/ b');
  assert.equal(normaliseUrl('///'), '');
});

test('every code used by the webhook stage is in the catalogue with a StackStorm note', () => {
  const used = [
    'RULES_E_WEBHOOK_INVALID',
    'RULES_E_WEBHOOK_INLINE_SECRET',
    'RULES_E_WEBHOOK_UNKNOWN_SCHEME',
    'RULES_E_WEBHOOK_SCHEME_OPTION',
    'RULES_E_WEBHOOK_SIGNED_RECIPE',
    'RULES_E_WEBHOOK_SIGNATURE_MISSING',
    'RULES_W_WEBHOOK_SIGNATURE_UNUSED',
    'RULES_E_WEBHOOK_GENERIC_URL',
    'RULES_E_WEBHOOK_CONFLICT',
    'RULES_W_WEBHOOK_DUPLICATE',
    'RULES_W_WEBHOOK_UNKNOWN_URL',
  ];
  for (const code of used) {
    const def = codes[code];
    assert.ok(def, code);
    assert.equal(def.severity, code.startsWith('RULES_E_') ? 'error' : 'warning', code);
    assert.match(def.description, /StackStorm/, code);
  }
});
