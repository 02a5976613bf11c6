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

  it('sets, replaces, reads per scope and user, lists, deletes, and survives a reopen', () => {
    const path = join(dir, 'a.db');
    const store = openStore(path, { writer: 'inline' });
    try {
      store.kv.set({ name: 'k', value: 'v1' });
      store.kv.set({ name: 'k', value: 'v2', secret: true });
      store.kv.set({ name: 'k', value: 'mine', scope: 'user', user: 'alice' });
      store.kv.set({ name: 'other', value: 'x', scope: 'user', user: 'bob' });
      assert.deepEqual(store.kv.get('k'), { name: 'k', value: 'v2', scope: 'system', secret: true });
      assert.equal(store.kv.get('k', { scope: 'user', user: 'alice' })?.value, 'mine');
      assert.equal(store.kv.get('k', { scope: 'user', user: 'bob' }), undefined);
      assert.equal(store.kv.get('missing'), undefined);
      assert.deepEqual(store.kv.list().map((r) => `${r.scope}:${r.user ?? ''}:${r.name}`), ['system::k', 'user:alice:k', 'user:bob:other']);
      assert.deepEqual(store.kv.list({ scope: 'user', user: 'bob' }).map((r) => r.name), ['other']);
      const snap = store.kv.snapshot('alice');
      assert.deepEqual({ ...snap.system }, { k: 'v2' });
      assert.deepEqual({ ...snap.user }, { k: 'mine' });
      assert.equal(Object.getPrototypeOf(snap.system), null);
      assert.equal(store.kv.delete('other', { scope: 'user', user: 'bob' }), true);
      assert.equal(store.kv.delete('other', { scope: 'user', user: 'bob' }), false);
    } finally {
      store.close();
    }
    const reopened = openStore(path, { writer: 'inline' });
    try {
      assert.equal(reopened.kv.get('k')?.value, 'v2');
      assert.equal(reopened.kv.list().length, 2);
    } finally {
      reopened.close();
    }
  });

  it('expired keys are invisible to get, list and snapshot', () => {
    const store = openStore(join(dir, 'b.db'), { writer: 'inline' });
    try {
      const now = Date.now();
      const record = store.kv.set({ name: 'short', value: 's', ttlSeconds: 10, now: now - 20_000 });
      assert.equal(record.expire_timestamp, new Date(now - 10_000).toISOString());
      store.kv.set({ name: 'long', value: 'l', ttlSeconds: 3600 });
      assert.equal(store.kv.get('short'), undefined);
      assert.equal(store.kv.get('short', { now: now - 15_000 })?.value, 's');
      assert.deepEqual(store.kv.list().map((r) => r.name), ['long']);
      assert.deepEqual(Object.keys(store.kv.snapshot().system), ['long']);
      // Setting again without a TTL revives the key for good.
      store.kv.set({ name: 'short', value: 's2' });
      assert.equal(store.kv.get('short')?.value, 's2');
      assert.equal(store.kv.get('short')?.expire_timestamp, undefined);
    } finally {
      store.close();
    }
  });

  it('deliveries: found only within the window, unique per (hook, id), pruned by age', () => {
    const store = openStore(join(dir, 'c.db'), { writer: 'inline' });
    try {
      store.deliveries.record({ hook: 'github', delivery_id: 'd1', trigger_instance_id: 't1', received_at: 1000 });
      assert.equal(store.deliveries.find('github', 'd1', 0)?.trigger_instance_id, 't1');
      assert.equal(store.deliveries.find('github', 'd1', 1001), undefined);
      assert.equal(store.deliveries.find('other', 'd1', 0), undefined);
      store.deliveries.record({ hook: 'github', delivery_id: 'd1', trigger_instance_id: 't2', received_at: 5000 });
      assert.equal(store.deliveries.find('github', 'd1', 4000)?.trigger_instance_id, 't2');
      store.deliveries.record({ hook: 'github', delivery_id: 'd0', trigger_instance_id: 't0', received_at: 10 });
      assert.equal(store.deliveries.prune(1000), 1);
      assert.equal(store.deliveries.find('github', 'd0', 0), undefined);
    } finally {
      store.close();
    }
  });
});
