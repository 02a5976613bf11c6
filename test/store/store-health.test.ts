// Issue 16, item 6: a store whose file was deleted or replaced while open takes no webhook (503, never 202),
// and /healthz says whether the store takes writes. Real SQLite files, a real server on port 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { json, rule, ruleSet, startServer } from '../runtime/helpers.ts';

const hooks = ruleSet([rule('p.r', { type: 'core.st2.webhook', parameters: { url: 'hook' } })]);

async function health(
  url: string,
): Promise<{ status: number; body: { store: { writable: boolean; reason?: string } } }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { store: { writable: boolean; reason?: string } } };
}

for (const writer of ['inline', 'worker'] as const) {
  test(`${writer} writer: after rm rules.db* a webhook gets 503 and /healthz 503, nothing is answered 202`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-health-'));
    const path = join(dir, 'rules.db');
    const server = await startServer(hooks, { store: openStore(path, { writer }) });
    try {
      assert.equal((await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 1 }))).status, 202);
      assert.deepEqual((await health(server.url)).body.store, { writable: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      const refused = await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 2 }));
      assert.equal(refused.status, 503);
      assert.match(((await refused.json()) as { faultstring: string }).faultstring, /rules\.db was deleted/);
      const h = await health(server.url);
      assert.equal(h.status, 503);
      assert.equal(h.body.store.writable, false);
      assert.match(h.body.store.reason ?? '', /was deleted while the store was open/);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a store file replaced by another file while open is refused too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-health-'));
  const path = join(dir, 'rules.db');
  const server = await startServer(hooks, { store: openStore(path, { writer: 'inline' }) });
  try {
    assert.equal((await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 1 }))).status, 202);
    copyFileSync(path, join(dir, 'copy.db'));
    renameSync(join(dir, 'copy.db'), path);
    const refused = await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 2 }));
    assert.equal(refused.status, 503);
    assert.match(((await refused.json()) as { faultstring: string }).faultstring, /was replaced/);
    assert.equal((await health(server.url)).status, 503);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a failed commit /healthz probes with a real write: 503 while writes fail, ok once they work', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-health-'));
  const path = join(dir, 'rules.db');
  const server = await startServer(hooks, { store: openStore(path, { writer: 'inline' }) });
  const other = new BetterSqlite3(path);
  try {
    assert.equal((await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 1 }))).status, 202);
    // Another writer holds the write lock: our commits fail after the busy timeout, as on a locked or full disk.
    other.exec('BEGIN EXCLUSIVE');
    assert.equal((await fetch(`${server.url}/v1/webhooks/hook`, json({ n: 2 }))).status, 503);
    const locked = await health(server.url);
    assert.equal(locked.status, 503);
    assert.match(locked.body.store.reason ?? '', /locked|busy/i);
    other.exec('COMMIT');
    assert.deepEqual(await health(server.url), {
      status: 200,
      body: { status: 'ok', generation: 1, store: { writable: true } },
    });
  } finally {
    other.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
