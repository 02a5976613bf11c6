// `rules key` against a store in a temp dir, through the real CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.ts';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function rules(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

describe('rules key', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-key-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('set, get, list (secrets masked), delete; scopes, TTL and bad flags', { timeout: 180_000 }, async () => {
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
    assert.equal((await rules(['key', 'get', 'greeting', ...store])).stdout, 'hello\n');
    assert.equal(
      (await rules(['key', 'get', 'greeting', '--scope', 'user', '--user', 'alice', ...store])).stdout,
      'hi alice\n',
    );
    assert.equal((await rules(['key', 'get', 'github_secret', ...store])).stdout, '********\n');
    assert.equal((await rules(['key', 'get', 'github_secret', '--decrypt', ...store])).stdout, 'hunter2\n');
    const list = await rules(['key', 'list', '--json', ...store]);
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
    const missing = await rules(['key', 'get', 'nope', ...store]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no key nope/);
    assert.equal((await rules(['key', 'set', 'x', 'y', '--scope', 'global', ...store])).code, 2);
    assert.equal((await rules(['key', 'set', 'x', 'y', '--ttl', '-5', ...store])).code, 2);
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
