// `rules key` against a store in a temp dir, through the real CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { rules } from './_cli.ts';

describe('rules key', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-key-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('set, get, list (secrets masked), delete; scopes, TTL and bad flags', { timeout: 280_000 }, async () => {
    const store = ['--data', dir];
    assert.equal((await rules(['key', 'set', 'github_secret', 'hunter2', '--secret', ...store])).code, 0);
    assert.equal((await rules(['key', 'set', 'greeting', 'hello', ...store])).code, 0);
    assert.equal(
      (
        await rules([
          'key',
          'set',
          'greeting',
          'hi alice',
          '--scope',
          'user',
          '--user',
          'alice',
          '--ttl',
          '3600',
          ...store,
        ])
      ).code,
      0,
    );
    // The reads and the refused flags do not write: run them at once (13 CLI starts in 6 rounds, not 13).
    const [system, user, masked, decrypted, list, missing, badScope, badTtl] = await Promise.all([
      rules(['key', 'get', 'greeting', ...store]),
      rules(['key', 'get', 'greeting', '--scope', 'user', '--user', 'alice', ...store]),
      rules(['key', 'get', 'github_secret', ...store]),
      rules(['key', 'get', 'github_secret', '--decrypt', ...store]),
      rules(['key', 'list', '--json', ...store]),
      rules(['key', 'get', 'nope', ...store]),
      rules(['key', 'set', 'x', 'y', '--scope', 'global', ...store]),
      rules(['key', 'set', 'x', 'y', '--ttl', '-5', ...store]),
    ]);
    assert.equal(system.stdout, 'hello\n', system.stderr);
    assert.equal(user.stdout, 'hi alice\n', user.stderr);
    assert.equal(masked.stdout, '********\n', masked.stderr);
    assert.equal(decrypted.stdout, 'hunter2\n', decrypted.stderr);
    assert.equal(list.code, 0, list.stderr);
    assert.ok(!list.stdout.includes('hunter2'));
    const rows = JSON.parse(list.stdout) as Array<{
      name: string;
      scope: string;
      user: string;
      secret: boolean;
      expire_timestamp: string;
    }>;
    assert.deepEqual(
      rows.map((r) => `${r.scope}:${r.user}:${r.name}:${String(r.secret)}`),
      ['system::github_secret:true', 'system::greeting:false', 'user:alice:greeting:false'],
    );
    assert.ok(Date.parse(rows[2]?.expire_timestamp ?? '') > Date.now());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no key nope/);
    assert.equal(badScope.code, 2, badScope.stderr);
    assert.equal(badTtl.code, 2, badTtl.stderr);
    assert.equal((await rules(['key', 'delete', 'greeting', ...store])).code, 0);
    assert.equal((await rules(['key', 'delete', 'greeting', ...store])).code, 2);
    const s = openStore(join(dir, 'rules.db'), { writer: 'inline' });
    try {
      assert.deepEqual(
        (await s.kv.list()).map((r) => r.name),
        ['github_secret', 'greeting'],
      );
      assert.equal((await s.kv.get('github_secret'))?.value, 'hunter2');
    } finally {
      await s.close();
    }
  });
});
