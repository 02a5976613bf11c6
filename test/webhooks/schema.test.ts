// rules/schema/webhook.schema.json compiles under draft-07 (ajv) and draft-04 (ajv-draft-04), and agrees
// with webhookOptionsFromDocument on which documents are errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import { webhookOptionsFromDocument } from '../../src/webhooks/index.ts';

const schema = JSON.parse(
  readFileSync(new URL('../../rules/schema/webhook.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const sig = (extra: Record<string, unknown>): Record<string, unknown> => ({
  url: 'hook',
  auth: 'signature',
  signature: { secret: { env: 'S' }, ...extra },
});

const valid: unknown[] = [
  { url: 'sample' },
  {
    url: 'a/b',
    auth: 'st2',
    methods: ['GET', 'POST'],
    form: 'json_payload',
    dedupe_header: 'X-GitHub-Delivery',
    response: 'on_no_match',
  },
  { url: 'a', response: { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok {{ trigger.body.x }}' } },
  sig({ scheme: 'github', sha1: true, secrets: [{ datastore: 'old' }] }),
  sig({ scheme: 'gitlab' }),
  sig({ scheme: 'slack', tolerance: 60 }),
  sig({ scheme: 'stripe' }),
  sig({ scheme: 'standard-webhooks', secrets: [{ env: 'OLD' }] }),
  sig({
    scheme: 'hmac',
    header: 'X-Sig',
    algorithm: 'sha512',
    encoding: 'base64',
    prefix: 'v1=',
    signed: '{timestamp}.{body}',
    timestamp_header: 'X-Ts',
    tolerance: 10,
  }),
];

const invalid: unknown[] = [
  {},
  { url: '' },
  { url: 'st2' },
  { url: '/st2/' },
  { url: 'x', extra: 1 },
  { url: 'x', auth: 'token' },
  { url: 'x', methods: [] },
  { url: 'x', methods: ['PUT'] },
  { url: 'x', methods: ['GET', 'GET'] },
  { url: 'x', form: 'raw' },
  { url: 'x', dedupe_header: 'a b' },
  { url: 'x', response: 'echo' },
  { url: 'x', response: { status: 700 } },
  { url: 'x', response: { headers: { 'X-A': 'a\nb' } } },
  { url: 'x', response: { other: 1 } },
  sig({ scheme: 'github', secret: 'inline' }),
  sig({ scheme: 'github', secret: { env: 'A', datastore: 'b' } }),
  sig({ scheme: 'github', secret: { value: 'inline' } }),
  sig({ scheme: 'github', secret: { env: '1BAD' } }),
  sig({ scheme: 'github', secrets: ['inline'] }),
  { url: 'x', auth: 'signature', signature: { scheme: 'github' } },
  sig({ scheme: 'bitbucket' }),
  sig({ scheme: 'github', tolerance: 60 }),
  sig({ scheme: 'slack', sha1: true }),
  sig({ scheme: 'slack', header: 'X-Sig' }),
  sig({ scheme: 'slack', tolerance: 0 }),
  sig({ scheme: 'slack', tolerance: 1.5 }),
  sig({ scheme: 'hmac' }),
  sig({ scheme: 'hmac', header: 'X-Sig', algorithm: 'md5' }),
  sig({ scheme: 'hmac', header: 'X-Sig', encoding: 'base32' }),
];

const validators = {
  'draft-07 (ajv)': new Ajv({ allErrors: true, strict: false }).compile(schema),
  'draft-04 (ajv-draft-04)': new Ajv04.default({ allErrors: true, strict: false }).compile(schema),
};

test('valid documents pass the schema under both drafts and build a model', () => {
  for (const [name, validate] of Object.entries(validators)) {
    for (const document of valid)
      assert.equal(validate(document), true, `${name}: ${JSON.stringify(document)} ${JSON.stringify(validate.errors)}`);
  }
  for (const document of valid) {
    const result = webhookOptionsFromDocument({ document, pack: 'p', file: 'f.yaml' });
    assert.ok(result.value, `${JSON.stringify(document)} ${JSON.stringify(result.diagnostics)}`);
  }
});

test('invalid documents fail the schema under both drafts and are errors in the model builder', () => {
  for (const [name, validate] of Object.entries(validators)) {
    for (const document of invalid) assert.equal(validate(document), false, `${name}: ${JSON.stringify(document)}`);
  }
  for (const document of invalid) {
    const result = webhookOptionsFromDocument({ document, pack: 'p', file: 'f.yaml' });
    assert.equal(result.value, undefined, JSON.stringify(document));
    assert.ok(
      result.diagnostics.some((d) => d.severity === 'error'),
      JSON.stringify(document),
    );
  }
});
