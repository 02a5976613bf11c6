// The embedded store on real SQLite files: migrations, WAL/FULL, trigger instances, API keys, tokens, group commit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateApiKey, hashApiKey, migrations, openStore } from '../../src/store/index.ts';

describe('store', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-store-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates its directory, runs every migration once, uses WAL', async () => {
    const path = join(dir, 'nested', 'rules.db');
    const store = openStore(path);
    assert.equal(store.kind, 'sqlite');
    assert.equal(store.location, path);
    const db = new Database(path, { readonly: true });
    // journal_mode is persistent in the file (synchronous is per connection: see the store's open code).
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const applied = db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations ORDER BY rowid')
      .all()
      .map((r) => r.name);
    assert.deepEqual(
      applied,
      migrations.map((m) => m.name),
    );
    db.close();
    await store.close();
    const again = openStore(path);
    await again.close();
    const check = new Database(path, { readonly: true });
    assert.equal(
      check.prepare<[], { n: number }>('SELECT count(*) AS n FROM schema_migrations').get()?.n,
      migrations.length,
    );
    check.close();
  });

  it('trigger instances survive a reopen, list newest first and filter by trigger and status', async () => {
    const path = join(dir, 'ti.db');
    const store = openStore(path);
    const rec = (id: string, trigger: string) => ({
      id,
      trigger,
      payload: { body: { a: id } },
      occurrence_time: '2026-01-01T00:00:00.000000Z',
      status: 'pending' as const,
      trace_tag: `t-${id}`,
    });
    await store.commit([rec('a', 'core.x'), rec('b', 'core.y')]);
    await store.commit([rec('c', 'core.x')]);
    store.triggerInstances.setStatus('a', 'processed');
    await store.close();
    const reopened = openStore(path);
    const ids = async (filter?: Parameters<typeof reopened.triggerInstances.list>[0]) =>
      (await reopened.triggerInstances.list(filter)).map((r) => r.id);
    assert.deepEqual(await ids(), ['c', 'b', 'a']);
    assert.deepEqual(await ids({ trigger: 'core.x' }), ['c', 'a']);
    assert.deepEqual(await ids({ status: 'processed' }), ['a']);
    assert.deepEqual(await ids({ triggers: ['core.y', 'core.z'] }), ['b']);
    assert.deepEqual(await ids({ triggers: [] }), []);
    assert.deepEqual(await ids({ since: '2026-01-01T00:00:00.000000Z' }), ['c', 'b', 'a']);
    assert.deepEqual(await ids({ since: '2026-01-02T00:00:00.000000Z' }), []);
    assert.deepEqual((await reopened.triggerInstances.get('b'))?.payload, { body: { a: 'b' } });
    assert.equal((await reopened.triggerInstances.list({ limit: 1, offset: 1 }))[0]?.id, 'b');
    await reopened.close();
  });

  it('group commit: concurrent commits share one transaction; a failing batch rejects every caller and stores none', async () => {
    const path = join(dir, 'group.db');
    const store = openStore(path, { writer: 'inline' });
    // Another connection counts commits: every committed transaction bumps the file's data_version for it.
    const watcher = new Database(path, { readonly: true });
    const version = (): number => watcher.pragma('data_version', { simple: true }) as number;
    const v0 = version();
    const rec = (id: string) => ({
      id,
      trigger: 't',
      payload: {},
      occurrence_time: 'x',
      status: 'pending' as const,
      trace_tag: 'x',
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.commit([rec(`r${i}`)])));
    assert.equal(version(), v0 + 1);
    assert.equal((await store.triggerInstances.list({ limit: 100 })).length, 20);
    const results = await Promise.allSettled([store.commit([rec('new1')]), store.commit([rec('r0')])]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await store.triggerInstances.get('new1'), undefined);
    watcher.close();
    await store.close();
  });

  it('queued processing writes ride in the next batch, are visible to the next read, and a failing one spares the batch', async () => {
    const store = openStore(':memory:');
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    const rec = {
      id: 'i1',
      trigger: 't',
      payload: {},
      occurrence_time: 'x',
      status: 'pending' as const,
      trace_tag: 'x',
    };
    const enforcement = {
      id: 'e1',
      trigger_instance_id: 'i1',
      rule: { ref: 'p.r', id: 'r', uid: 'rule:p:r' },
      enforced_at: 'x',
      status: 'succeeded' as const,
    };
    const committed = store.commit([rec]);
    store.triggerInstances.setStatus('i1', 'processing');
    store.enforcements.insert(enforcement);
    store.enforcements.insert({ ...enforcement, id: 'e2' }); // same (instance, rule): refused by the unique index
    await committed;
    assert.equal((await store.triggerInstances.get('i1'))?.status, 'processing');
    store.triggerInstances.setStatus('i1', 'processed');
    // The read awaits the barrier: it sees the write queued before it.
    assert.equal((await store.triggerInstances.get('i1'))?.status, 'processed');
    assert.deepEqual(
      (await store.enforcements.list({ trigger_instance: 'i1' })).map((e) => e.id),
      ['e1'],
    );
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    assert.ok(
      warnings.some((w) => /deferred write failed.*UNIQUE/.test(w)),
      warnings.join('\n'),
    );
    await store.close();
  });

  it('API keys: StackStorm hash format, generated key shape, import, enable/disable, delete', async () => {
    const store = openStore(':memory:');
    // sha512("saltnpepper" + key), hex: the value StackStorm stores as key_hash.
    // Value computed with Python: hashlib.sha512(b'saltnpepperabc').hexdigest()
    assert.equal(
      hashApiKey('abc'),
      '3e5076021e2cb3dd90a045649478c8f858ff6803df789b950370870220099e9c1b1e8be52f60e2dc56b2c6c7ead6c732f119e784d47f20711b79d78c032a3182',
    );
    const key = generateApiKey();
    assert.match(key, /^[A-Za-z0-9]{86}$/);
    const { key: plain, record } = await store.apiKeys.create('admin');
    assert.equal((await store.apiKeys.getByHash(hashApiKey(plain)))?.id, record.id);
    assert.equal(record.uid, `api_key:${record.key_hash}`);
    assert.ok(!JSON.stringify(await store.apiKeys.list()).includes(plain), 'the plain key is never stored');
    const imported = await store.apiKeys.importHash(hashApiKey('legacy'), 'ops', false);
    assert.equal(imported.enabled, false);
    await assert.rejects(store.apiKeys.importHash('not-a-hash', 'ops'), /128/);
    assert.ok(await store.apiKeys.setEnabled(imported.id, true));
    assert.equal((await store.apiKeys.get(imported.key_hash))?.enabled, true);
    assert.equal(await store.apiKeys.count(), 2);
    assert.ok(await store.apiKeys.delete(imported.id));
    assert.equal(await store.apiKeys.count(), 1);
    await store.close();
  });

  it('tokens: uuid4 hex by default, expiry stored in StackStorm form', async () => {
    const store = openStore(':memory:');
    const t = await store.tokens.create({ user: 'u', ttlSeconds: 60, now: Date.UTC(2026, 0, 1) });
    assert.match(t.token, /^[0-9a-f]{32}$/);
    assert.equal(t.expiry, '2026-01-01T00:01:00.000000Z');
    assert.deepEqual((await store.tokens.get(t.token))?.expiryMs, Date.UTC(2026, 0, 1, 0, 1));
    assert.equal(await store.tokens.get('nope'), undefined);
    await store.close();
  });
});
