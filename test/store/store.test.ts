// The embedded store on real SQLite files: migrations, WAL/FULL, trigger instances, API keys, tokens, group commit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, hashApiKey, migrations, openStore } from '../../src/store/index.ts';

describe('store', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-store-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates its directory, runs every migration once, uses WAL with synchronous=FULL', () => {
    const path = join(dir, 'nested', 'rules.db');
    const store = openStore(path);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
    const applied = store.db.prepare<[], { name: string }>('SELECT name FROM schema_migrations ORDER BY rowid').all().map((r) => r.name);
    assert.deepEqual(applied, migrations.map((m) => m.name));
    store.close();
    const again = openStore(path);
    assert.equal(again.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM schema_migrations').get()?.n, migrations.length);
    again.close();
  });

  it('trigger instances survive a reopen, list newest first and filter by trigger and status', async () => {
    const path = join(dir, 'ti.db');
    const store = openStore(path);
    const rec = (id: string, trigger: string) => ({ id, trigger, payload: { body: { a: id } }, occurrence_time: '2026-01-01T00:00:00.000000Z', status: 'pending' as const, trace_tag: `t-${id}` });
    await store.commits.commit([rec('a', 'core.x'), rec('b', 'core.y')]);
    await store.commits.commit([rec('c', 'core.x')]);
    store.triggerInstances.setStatus('a', 'processed');
    store.close();
    const reopened = openStore(path);
    assert.deepEqual(reopened.triggerInstances.list().map((r) => r.id), ['c', 'b', 'a']);
    assert.deepEqual(reopened.triggerInstances.list({ trigger: 'core.x' }).map((r) => r.id), ['c', 'a']);
    assert.deepEqual(reopened.triggerInstances.list({ status: 'processed' }).map((r) => r.id), ['a']);
    assert.deepEqual(reopened.triggerInstances.get('b')?.payload, { body: { a: 'b' } });
    assert.equal(reopened.triggerInstances.list({ limit: 1, offset: 1 })[0]?.id, 'b');
    reopened.close();
  });

  it('group commit: concurrent commits share one transaction; a failing batch rejects every caller and stores none', async () => {
    const store = openStore(':memory:');
    let transactions = 0;
    const original = store.db.transaction.bind(store.db);
    store.db.transaction = ((fn: (...args: unknown[]) => unknown) => {
      transactions += 1;
      return original(fn);
    }) as typeof store.db.transaction;
    const rec = (id: string) => ({ id, trigger: 't', payload: {}, occurrence_time: 'x', status: 'pending' as const, trace_tag: 'x' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.commits.commit([rec(`r${i}`)])));
    assert.equal(transactions, 1);
    assert.equal(store.triggerInstances.list({ limit: 100 }).length, 20);
    const results = await Promise.allSettled([store.commits.commit([rec('new1')]), store.commits.commit([rec('r0')])]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(store.triggerInstances.get('new1'), undefined);
    store.close();
  });

  it('deferred processing writes ride in the next batch, are visible to reads at once, and a failing one spares the batch', async () => {
    const store = openStore(':memory:');
    const rec = { id: 'i1', trigger: 't', payload: {}, occurrence_time: 'x', status: 'pending' as const, trace_tag: 'x' };
    const committed = store.commits.commit([rec]);
    store.triggerInstances.setStatus('i1', 'processing');
    store.commits.defer(() => {
      throw new Error('boom');
    });
    await committed;
    assert.equal(store.triggerInstances.get('i1')?.status, 'processing');
    store.triggerInstances.setStatus('i1', 'processed');
    // No await: the read flushes the queued write first.
    assert.equal(store.triggerInstances.get('i1')?.status, 'processed');
    store.enforcements.insert({ id: 'e1', trigger_instance_id: 'i1', rule: { ref: 'p.r', id: 'r', uid: 'rule:p:r' }, enforced_at: 'x', status: 'succeeded' });
    assert.equal(store.enforcements.list({ trigger_instance: 'i1' })[0]?.id, 'e1');
    store.close();
  });

  it('API keys: StackStorm hash format, generated key shape, import, enable/disable, delete', () => {
    const store = openStore(':memory:');
    // sha512("saltnpepper" + key), hex: the value StackStorm stores as key_hash.
    // Value computed with Python: hashlib.sha512(b'saltnpepperabc').hexdigest()
    assert.equal(hashApiKey('abc'), '3e5076021e2cb3dd90a045649478c8f858ff6803df789b950370870220099e9c1b1e8be52f60e2dc56b2c6c7ead6c732f119e784d47f20711b79d78c032a3182');
    const key = generateApiKey();
    assert.match(key, /^[A-Za-z0-9]{86}$/);
    const { key: plain, record } = store.apiKeys.create('admin');
    assert.equal(store.apiKeys.getByHash(hashApiKey(plain))?.id, record.id);
    assert.equal(record.uid, `api_key:${record.key_hash}`);
    assert.ok(!JSON.stringify(store.apiKeys.list()).includes(plain), 'the plain key is never stored');
    const imported = store.apiKeys.importHash(hashApiKey('legacy'), 'ops', false);
    assert.equal(imported.enabled, false);
    assert.throws(() => store.apiKeys.importHash('not-a-hash', 'ops'), /128/);
    assert.ok(store.apiKeys.setEnabled(imported.id, true));
    assert.equal(store.apiKeys.get(imported.key_hash)?.enabled, true);
    assert.equal(store.apiKeys.count(), 2);
    assert.ok(store.apiKeys.delete(imported.id));
    assert.equal(store.apiKeys.count(), 1);
    store.close();
  });

  it('tokens: uuid4 hex by default, expiry stored in StackStorm form', () => {
    const store = openStore(':memory:');
    const t = store.tokens.create({ user: 'u', ttlSeconds: 60, now: Date.UTC(2026, 0, 1) });
    assert.match(t.token, /^[0-9a-f]{32}$/);
    assert.equal(t.expiry, '2026-01-01T00:01:00.000000Z');
    assert.deepEqual(store.tokens.get(t.token)?.expiryMs, Date.UTC(2026, 0, 1, 0, 1));
    assert.equal(store.tokens.get('nope'), undefined);
    store.close();
  });
});
