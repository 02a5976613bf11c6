// The datastore (st2kv) and delivery-id repositories on a real file-backed store in a temp dir.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';

describe('kv store', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-kv-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('sets, replaces, reads per scope and user, lists, deletes, and survives a reopen', async () => {
    const path = join(dir, 'a.db');
    const store = openStore(path, { writer: 'inline' });
    try {
      await store.kv.set({ name: 'k', value: 'v1' });
      await store.kv.set({ name: 'k', value: 'v2', secret: true });
      await store.kv.set({ name: 'k', value: 'mine', scope: 'user', user: 'alice' });
      await store.kv.set({ name: 'other', value: 'x', scope: 'user', user: 'bob' });
      assert.deepEqual(await store.kv.get('k'), { name: 'k', value: 'v2', scope: 'system', secret: true });
      assert.equal((await store.kv.get('k', { scope: 'user', user: 'alice' }))?.value, 'mine');
      assert.equal(await store.kv.get('k', { scope: 'user', user: 'bob' }), undefined);
      assert.equal(await store.kv.get('missing'), undefined);
      assert.deepEqual(
        (await store.kv.list()).map((r) => `${r.scope}:${r.user ?? ''}:${r.name}`),
        ['system::k', 'user:alice:k', 'user:bob:other'],
      );
      assert.deepEqual(
        (await store.kv.list({ scope: 'user', user: 'bob' })).map((r) => r.name),
        ['other'],
      );
      const snap = await store.kv.snapshot('alice');
      assert.deepEqual({ ...snap.system }, { k: 'v2' });
      assert.deepEqual({ ...snap.user }, { k: 'mine' });
      assert.equal(Object.getPrototypeOf(snap.system), null);
      assert.equal(await store.kv.delete('other', { scope: 'user', user: 'bob' }), true);
      assert.equal(await store.kv.delete('other', { scope: 'user', user: 'bob' }), false);
    } finally {
      await store.close();
    }
    const reopened = openStore(path, { writer: 'inline' });
    try {
      assert.equal((await reopened.kv.get('k'))?.value, 'v2');
      assert.equal((await reopened.kv.list()).length, 2);
    } finally {
      await reopened.close();
    }
  });

  it('expired keys are invisible to get, list and snapshot', async () => {
    const store = openStore(join(dir, 'b.db'), { writer: 'inline' });
    try {
      const now = Date.now();
      const record = await store.kv.set({ name: 'short', value: 's', ttlSeconds: 10, now: now - 20_000 });
      assert.equal(record.expire_timestamp, new Date(now - 10_000).toISOString());
      await store.kv.set({ name: 'long', value: 'l', ttlSeconds: 3600 });
      assert.equal(await store.kv.get('short'), undefined);
      assert.equal((await store.kv.get('short', { now: now - 15_000 }))?.value, 's');
      assert.deepEqual(
        (await store.kv.list()).map((r) => r.name),
        ['long'],
      );
      assert.deepEqual(Object.keys((await store.kv.snapshot()).system), ['long']);
      // Setting again without a TTL revives the key for good.
      await store.kv.set({ name: 'short', value: 's2' });
      assert.equal((await store.kv.get('short'))?.value, 's2');
      assert.equal((await store.kv.get('short'))?.expire_timestamp, undefined);
    } finally {
      await store.close();
    }
  });

  it('deliveries: found only within the window, unique per (hook, id), pruned by age', async () => {
    const store = openStore(join(dir, 'c.db'), { writer: 'inline' });
    try {
      await store.deliveries.record({
        hook: 'github',
        delivery_id: 'd1',
        trigger_instance_id: 't1',
        received_at: 1000,
      });
      assert.equal((await store.deliveries.find('github', 'd1', 0))?.trigger_instance_id, 't1');
      assert.equal(await store.deliveries.find('github', 'd1', 1001), undefined);
      assert.equal(await store.deliveries.find('other', 'd1', 0), undefined);
      await store.deliveries.record({
        hook: 'github',
        delivery_id: 'd1',
        trigger_instance_id: 't2',
        received_at: 5000,
      });
      assert.equal((await store.deliveries.find('github', 'd1', 4000))?.trigger_instance_id, 't2');
      await store.deliveries.record({ hook: 'github', delivery_id: 'd0', trigger_instance_id: 't0', received_at: 10 });
      assert.equal(await store.deliveries.prune(1000), 1);
      assert.equal(await store.deliveries.find('github', 'd0', 0), undefined);
    } finally {
      await store.close();
    }
  });
});
