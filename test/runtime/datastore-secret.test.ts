// `secret: {datastore: KEY}` end to end: a compiled temp pack whose webhook options read the signature secret
// from a system-scope datastore key, served by the real server with its default secret lookup.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { compileRuleSet } from '../../src/app/index.ts';
import { openStore } from '../../src/store/index.ts';
import { startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let dir: string;
let server: TestServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rules-datastore-secret-'));
  const files: Record<string, string> = {
    'hooks/pack.yaml':
      'ref: hooks\nname: hooks\ndescription: datastore secret test pack\nversion: 0.1.0\nauthor: test\n',
    'hooks/rules/github.yaml':
      'name: github\npack: hooks\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: github\naction:\n  ref: core.noop\n',
    'hooks/webhooks/github.yaml':
      'url: github\nauth: signature\nsignature:\n  scheme: github\n  secret: { datastore: github_secret }\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, 'packs', path, '..'), { recursive: true });
    await writeFile(join(dir, 'packs', path), text);
  }
  const loaded = await compileRuleSet([join(dir, 'packs')], 1);
  assert.deepEqual(
    loaded.output.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  server = await startServer(loaded.ruleSet, {
    auth: { enabled: true },
    store: openStore(join(dir, 'rules.db'), { writer: 'inline' }),
  });
});

after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const deliver = async (secret: string, body: string): Promise<Response> =>
  fetch(`${server.url}/v1/webhooks/github`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'X-GitHub-Event': 'ping',
      'X-Hub-Signature-256': await sign(secret, body),
    },
  });

test('a delivery signed with the value of datastore key github_secret is accepted; other keys and scopes are not used', async () => {
  const body = '{"zen":"Keep it logically awesome."}';
  const unset = await deliver('s3cret', body);
  assert.equal(unset.status, 401);
  assert.match(((await unset.json()) as { faultstring: string }).faultstring, /\(secret\)/);
  // A user-scope key of the same name is not a signature secret.
  await server.store.kv.set({ name: 'github_secret', value: 's3cret', scope: 'user', user: 'admin' });
  assert.equal((await deliver('s3cret', body)).status, 401);
  await server.store.kv.set({ name: 'github_secret', value: 's3cret', secret: true });
  const ok = await deliver('s3cret', body);
  assert.equal(ok.status, 202);
  assert.deepEqual(await ok.json(), { zen: 'Keep it logically awesome.' });
  assert.equal((await deliver('wrong', body)).status, 401);
  // Rotation takes effect on the next request; an expired key is unset again.
  await server.store.kv.set({ name: 'github_secret', value: 'rotated' });
  assert.equal((await deliver('s3cret', body)).status, 401);
  assert.equal((await deliver('rotated', body)).status, 202);
  await server.store.kv.set({ name: 'github_secret', value: 'rotated', ttlSeconds: 1, now: Date.now() - 5000 });
  assert.equal((await deliver('rotated', body)).status, 401);
  assert.equal(server.submitted.length, 2);
});
