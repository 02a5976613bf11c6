import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { authenticate } from '../../src/runtime/auth.ts';

const rec = (id: string) => ({
  id,
  trigger: 'core.x',
  payload: { body: { id } },
  occurrence_time: '2026-01-01T00:00:00.000000Z',
  status: 'pending' as const,
  trace_tag: `t-${id}`,
});

describe('store writer thread (file stores)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-writer-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a commit resolves only once its rows are visible to another connection', async () => {
    const path = join(dir, 'a.db');
    const store = openStore(path);
    const other = new BetterSqlite3(path, { readonly: true });
    try {
      const count = other.prepare<[], { n: number }>('SELECT count(*) AS n FROM trigger_instances');
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.commit([rec(`r${i}`)]).then(() => assert.ok((count.get()?.n ?? 0) >= 1)),
        ),
      );
      assert.equal(count.get()?.n, 50);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('processing writes go through the thread and reads see them at once', async () => {
    const store = openStore(join(dir, 'b.db'));
    try {
      await store.commit([rec('x')]);
      store.triggerInstances.setStatus('x', 'processed');
      // The read awaits the barrier: the queued write is committed by the thread first.
      assert.equal((await store.triggerInstances.get('x'))?.status, 'processed');
    } finally {
      await store.close();
    }
  });

  it('a store that refuses writes rejects the whole batch and accepts again afterwards', async () => {
    const path = join(dir, 'c.db');
    const store = openStore(path);
    const admin = new BetterSqlite3(path);
    try {
      admin.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON trigger_instances BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
      );
      const results = await Promise.allSettled([store.commit([rec('p')]), store.commit([rec('q')])]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected'],
      );
      assert.match(String((results[0] as PromiseRejectedResult).reason), /disk says no/);
      assert.equal((await store.triggerInstances.list()).length, 0);
      // The barrier after a failed batch: nothing queued, nothing in flight.
      await store.durable();
      admin.exec('DROP TRIGGER refuse');
      await store.commit([rec('p')]);
      assert.deepEqual(
        (await store.triggerInstances.list()).map((r) => r.id),
        ['p'],
      );
    } finally {
      admin.close();
      await store.close();
    }
  });

  it('rows committed before close survive a reopen', async () => {
    const path = join(dir, 'd.db');
    const store = openStore(path);
    await store.commit([rec('keep')]);
    store.triggerInstances.setStatus('keep', 'processing_failed');
    await store.close();
    const again = openStore(path, { writer: 'inline' });
    assert.equal((await again.triggerInstances.get('keep'))?.status, 'processing_failed');
    await again.close();
  });
});

describe('API key hash cache', () => {
  it('a key disabled or deleted after it was accepted is refused on its next use', async () => {
    const store = openStore(':memory:');
    try {
      const { key, record } = await store.apiKeys.create('u');
      const check = async () => (await authenticate(store, { enabled: true }, { 'st2-api-key': key }, '')).ok;
      assert.equal(await check(), true);
      await store.apiKeys.setEnabled(record.id, false);
      assert.equal(await check(), false);
      await store.apiKeys.setEnabled(record.id, true);
      assert.equal(await check(), true);
      await store.apiKeys.delete(record.id);
      assert.equal(await check(), false);
    } finally {
      await store.close();
    }
  });
});
