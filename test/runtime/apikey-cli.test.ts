// `rules apikey` against a store in a temp dir, through the real CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey, openStore } from '../../src/store/index.ts';
import { rules } from './_cli.ts';

describe('rules apikey', () => {
  let dir: string;
  let store: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-apikey-'));
    store = join(dir, 'rules.db');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('create prints the key once; only its hash is stored; list shows hashes; disable and import-hash work', async () => {
    const created = await rules(['apikey', 'create', '--store', store, '--json', '--user', 'ci']);
    assert.equal(created.code, 0, created.stderr);
    const record = JSON.parse(created.stdout) as { key: string; id: string; user: string; key_hash: string };
    assert.equal(record.user, 'ci');
    assert.equal(record.key_hash, hashApiKey(record.key));
    const list = await rules(['apikey', 'list', '--store', store, '--json']);
    assert.ok(!list.stdout.includes(record.key));
    assert.deepEqual(
      (JSON.parse(list.stdout) as Array<{ id: string }>).map((k) => k.id),
      [record.id],
    );
    assert.equal((await rules(['apikey', 'disable', record.id, '--store', store])).code, 0);
    assert.equal(
      (await rules(['apikey', 'import-hash', hashApiKey('from-st2'), '--store', store, '--user', 'ops'])).code,
      0,
    );
    const bad = await rules(['apikey', 'import-hash', 'zz', '--store', store]);
    assert.equal(bad.code, 2);
    const s = openStore(store);
    try {
      assert.equal((await s.apiKeys.get(record.id))?.enabled, false);
      assert.equal((await s.apiKeys.getByHash(hashApiKey('from-st2')))?.user, 'ops');
    } finally {
      await s.close();
    }
    const plain = await rules(['apikey', 'create', '--data', dir]);
    assert.match(plain.stdout, /^[A-Za-z0-9]{86}\n$/);
    assert.match(plain.stderr, /will not be shown again/);
  });

  it("token create stores a token with a TTL; over the maximum is refused with StackStorm's message", async () => {
    const t = await rules(['token', 'create', '--store', store, '--user', 'bob', '--ttl', '60', '--json']);
    assert.equal(t.code, 0, t.stderr);
    const token = JSON.parse(t.stdout) as { token: string; user: string; expiry: string };
    assert.match(token.token, /^[0-9a-f]{32}$/);
    const s = openStore(store);
    try {
      const stored = await s.tokens.get(token.token);
      assert.equal(stored?.user, 'bob');
      assert.ok(Math.abs((stored?.expiryMs ?? 0) - Date.now() - 60_000) < 10_000);
    } finally {
      await s.close();
    }
    const tooLong = await rules(['token', 'create', '--store', store, '--ttl', '86401']);
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /TTL specified 86401 is greater than max allowed 86400\./);
  });
});
