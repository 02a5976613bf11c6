import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { authenticate } from '../../src/runtime/auth.ts';

const rec = (id: string) => ({ id, trigger: 'core.x', payload: { body: { id } }, occurrence_time: '2026-01-01T00:00:00.000000Z', status: 'pending' as const, trace_tag: `t-${id}` });

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
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.commits.commit([rec(`r${i}`)]).then(() => assert.ok((count.get()?.n ?? 0) >= 1))));
      assert.equal(count.get()?.n, 50);
    } finally {
      other.close();
      store.close();
    }
  });

  it('processing writes go through the thread and reads see them at once', async () => {
    const store = openStore(join(dir, 'b.db'));
    try {
      await store.commits.commit([rec('x')]);
      store.triggerInstances.setStatus('x', 'processed');
      // No await: the read must flush the queued write synchronously.
      assert.equal(store.triggerInstances.get('x')?.status, 'processed');
    } finally {
      store.close();
    }
  });

  it('a store that refuses writes rejects the whole batch and accepts again afterwards', async () => {
    const store = openStore(join(dir, 'c.db'));
    try {
      store.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON trigger_instances BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
      const results = await Promise.allSettled([store.commits.commit([rec('p')]), store.commits.commit([rec('q')])]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
      assert.match(String((results[0] as PromiseRejectedResult).reason), /disk says no/);
      assert.equal(store.triggerInstances.list().length, 0);
      store.db.exec('DROP TRIGGER refuse');
      await store.commits.commit([rec('p')]);
      assert.deepEqual(store.triggerInstances.list().map((r) => r.id), ['p']);
    } finally {
      store.close();
    }
  });

  it('rows committed before close survive a reopen', async () => {
    const path = join(dir, 'd.db');
    const store = openStore(path);
    await store.commits.commit([rec('keep')]);
    store.triggerInstances.setStatus('keep', 'processing_failed');
    store.close();
    const again = openStore(path, { writer: 'inline' });
    assert.equal(again.triggerInstances.get('keep')?.status, 'processing_failed');
    again.close();
  });
});

describe('API key hash cache', () => {
  it('a key disabled or deleted after it was accepted is refused on its next use', () => {
    const store = openStore(':memory:');
    try {
      const { key, record } = store.apiKeys.create('u');
      const check = () => authenticate(store, { enabled: true }, { 'st2-api-key': key }, '');
      assert.equal(check().ok, true);
      store.apiKeys.setEnabled(record.id, false);
      const disabled = check();
      assert.equal(disabled.ok, false);
      store.apiKeys.setEnabled(record.id, true);
      assert.equal(check().ok, true);
      store.apiKeys.delete(record.id);
      assert.equal(check().ok, false);
    } finally {
      store.close();
    }
  });
});
