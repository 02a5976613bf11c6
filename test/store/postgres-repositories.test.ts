// Every repository method of the PostgreSQL store on a real server, in a fresh schema (see _postgres.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../../src/store/index.ts';
import type { TriggerInstanceRecord, ExecutionRecord, EnforcementRecord } from '../../src/store/index.ts';
import { maskUrl } from '../../src/store/postgres/index.ts';
import type { PostgresStore } from '../../src/store/postgres/index.ts';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import type { TestSchema } from './_postgres.ts';

const instance = (
  id: string,
  trigger = 'core.t',
  occurrence = '2026-01-01T00:00:00.000000Z',
): TriggerInstanceRecord => ({
  id,
  trigger,
  // Key order must survive the round trip (json, not jsonb).
  payload: { z: 1, a: [1, 'two', null], nested: { b: true, a: 'x' } },
  occurrence_time: occurrence,
  status: 'pending',
  trace_tag: `tag-${id}`,
});

const execution = (id: string, extra: Partial<ExecutionRecord> = {}): ExecutionRecord => ({
  id,
  action: { ref: 'core.local', name: 'local', pack: 'core', runner_type: 'local-shell-cmd' },
  runner: { name: 'local-shell-cmd' },
  rule: { ref: 'p.r1', id: 'rid', name: 'r1', pack: 'p' },
  trigger_instance: { id: 'ti-1' },
  parameters: { cmd: 'echo' },
  status: 'requested',
  start_timestamp: '2026-01-01T00:00:00.000000Z',
  result: {},
  context: {},
  log: [{ status: 'requested', timestamp: '2026-01-01T00:00:00.000000Z' }],
  ...extra,
});

const enforcement = (
  id: string,
  instanceId: string,
  rule: string,
  extra: Partial<EnforcementRecord> = {},
): EnforcementRecord => ({
  id,
  trigger_instance_id: instanceId,
  rule: { ref: rule, id: `id-${rule}`, uid: `rule:${rule}` },
  enforced_at: '2026-01-01T00:00:00.000000Z',
  status: 'succeeded',
  ...extra,
});

describe('postgres store: repositories', { skip: skipWithoutPostgres }, () => {
  let db: TestSchema;
  let store: PostgresStore;
  before(async () => {
    db = await createTestSchema();
    store = await db.open({ nodeId: 'node-a' });
  });
  after(() => db?.drop());

  it('says what it is and masks the password in its location', () => {
    assert.equal(store.kind, 'postgres');
    const url = new URL(db.url);
    assert.equal(
      store.location,
      `${url.protocol}//${url.username}${url.password ? ':****' : ''}@${url.host}${url.pathname}`,
    );
    assert.equal(maskUrl('postgres://u:s3cret@h:5/d?sslmode=require'), 'postgres://u:****@h:5/d?sslmode=require');
    assert.equal(maskUrl('not a url s3cret'), 'postgres://(unparseable url)');
  });

  it('trigger instances: durable commit owned by this node, get, status changes, newest-first list with filters', async () => {
    await store.commit([
      instance('ti-1', 'core.a', '2026-01-01T00:00:01.000000Z'),
      instance('ti-2', 'core.b', '2026-01-01T00:00:02.000000Z'),
    ]);
    await store.commit([instance('ti-3', 'core.a', '2026-01-01T00:00:03.000000Z')]);
    const got = await store.triggerInstances.get('ti-1');
    assert.deepEqual(got, instance('ti-1', 'core.a', '2026-01-01T00:00:01.000000Z'));
    assert.deepEqual(Object.keys(got?.payload as object), ['z', 'a', 'nested']);
    const owned = await db.query<{ owner: string; lease_until: number }>(
      'SELECT owner, lease_until FROM trigger_instances WHERE id = $1',
      ['ti-1'],
    );
    assert.equal(owned.rows[0]?.owner, 'node-a');
    assert.ok(Number(owned.rows[0]?.lease_until) > Date.now());
    assert.equal(await store.triggerInstances.get('missing'), undefined);
    store.triggerInstances.setStatus('ti-2', 'processed');
    // Reads see the deferred write queued before them.
    assert.equal((await store.triggerInstances.get('ti-2'))?.status, 'processed');
    assert.deepEqual(
      (await store.triggerInstances.list()).map((r) => r.id),
      ['ti-3', 'ti-2', 'ti-1'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ trigger: 'core.a' })).map((r) => r.id),
      ['ti-3', 'ti-1'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ status: 'processed' })).map((r) => r.id),
      ['ti-2'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ limit: 1, offset: 1 })).map((r) => r.id),
      ['ti-2'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ since: '2026-01-01T00:00:02.000000Z' })).map((r) => r.id),
      ['ti-3', 'ti-2'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ triggers: ['core.b', 'core.zz'] })).map((r) => r.id),
      ['ti-2'],
    );
    assert.deepEqual(
      (await store.triggerInstances.list({ triggers: [] })).map((r) => r.id),
      [],
    );
    // Untrusted filter values are parameters, never SQL.
    assert.deepEqual(await store.triggerInstances.list({ trigger: "x' OR '1'='1" }), []);
  });

  it('executions: deferred insert (snapshot) and update, get, newest-first list with filters', async () => {
    const e1 = execution('ex-1');
    store.executions.insert(e1);
    e1.status = 'running'; // mutation after the hand-over must not leak into the stored snapshot
    store.executions.insert(
      execution('ex-2', { rule: { ref: 'p.r2', id: 'x', name: 'r2', pack: 'p' }, trigger_instance: { id: 'ti-2' } }),
    );
    store.executions.insert(
      execution('ex-3', { action: { ref: 'core.http', name: 'http', pack: 'core', runner_type: 'http-request' } }),
    );
    assert.equal((await store.executions.get('ex-1'))?.status, 'requested');
    store.executions.update(
      execution('ex-1', {
        status: 'succeeded',
        end_timestamp: '2026-01-01T00:00:09.000000Z',
        result: { stdout: 'hi' },
      }),
    );
    await store.durable();
    assert.deepEqual(
      await store.executions.get('ex-1'),
      execution('ex-1', {
        status: 'succeeded',
        end_timestamp: '2026-01-01T00:00:09.000000Z',
        result: { stdout: 'hi' },
      }),
    );
    const row = await db.query<{ status: string; end_timestamp: string; owner: string }>(
      'SELECT status, end_timestamp, owner FROM executions WHERE id = $1',
      ['ex-1'],
    );
    assert.deepEqual(row.rows[0], {
      status: 'succeeded',
      end_timestamp: '2026-01-01T00:00:09.000000Z',
      owner: 'node-a',
    });
    assert.equal(await store.executions.get('nope'), undefined);
    assert.deepEqual(
      (await store.executions.list()).map((r) => r.id),
      ['ex-3', 'ex-2', 'ex-1'],
    );
    assert.deepEqual(
      (await store.executions.list({ action: 'core.http' })).map((r) => r.id),
      ['ex-3'],
    );
    assert.deepEqual(
      (await store.executions.list({ rule: 'p.r2' })).map((r) => r.id),
      ['ex-2'],
    );
    assert.deepEqual(
      (await store.executions.list({ status: 'succeeded' })).map((r) => r.id),
      ['ex-1'],
    );
    assert.deepEqual(
      (await store.executions.list({ trigger_instance: 'ti-1' })).map((r) => r.id),
      ['ex-3', 'ex-1'],
    );
    assert.deepEqual(
      (await store.executions.list({ limit: 2 })).map((r) => r.id),
      ['ex-3', 'ex-2'],
    );
  });

  it('enforcements: deferred insert, get, newest-first list with filters, a second one per (instance, rule) dropped', async () => {
    const failures: string[] = [];
    const local = await db.open({ nodeId: 'node-e', onDeferredError: (_e, label) => failures.push(label) });
    local.enforcements.insert(enforcement('en-1', 'ti-1', 'p.r1', { execution_id: 'ex-1' }));
    local.enforcements.insert(enforcement('en-2', 'ti-1', 'p.r2', { status: 'failed', failure_reason: 'criteria' }));
    local.enforcements.insert(enforcement('en-3', 'ti-2', 'p.r1'));
    local.enforcements.insert(enforcement('en-dup', 'ti-1', 'p.r1'));
    await local.durable();
    assert.deepEqual(failures, ['enforcements.insert']);
    assert.deepEqual(
      await local.enforcements.get('en-2'),
      enforcement('en-2', 'ti-1', 'p.r2', { status: 'failed', failure_reason: 'criteria' }),
    );
    assert.equal(await local.enforcements.get('en-dup'), undefined);
    assert.deepEqual(
      (await local.enforcements.list()).map((r) => r.id),
      ['en-3', 'en-2', 'en-1'],
    );
    assert.deepEqual(
      (await local.enforcements.list({ rule: 'p.r1' })).map((r) => r.id),
      ['en-3', 'en-1'],
    );
    assert.deepEqual(
      (await local.enforcements.list({ trigger_instance: 'ti-1' })).map((r) => r.id),
      ['en-2', 'en-1'],
    );
    assert.deepEqual(
      (await local.enforcements.list({ execution: 'ex-1' })).map((r) => r.id),
      ['en-1'],
    );
    assert.deepEqual(
      (await local.enforcements.list({ status: 'failed' })).map((r) => r.id),
      ['en-2'],
    );
    assert.equal(await local.claims.hasEnforcements('ti-1'), true);
    assert.equal(await local.claims.hasEnforcements('ti-3'), false);
    await local.close();
  });

  it('api keys: create (hash only stored), import, lookups, list, enable, delete, count', async () => {
    assert.equal(await store.apiKeys.count(), 0);
    const { key, record } = await store.apiKeys.create('stanley', { purpose: 'ci' });
    assert.equal(key.length, 86);
    assert.equal(record.key_hash, hashApiKey(key));
    assert.equal(record.uid, `api_key:${record.key_hash}`);
    assert.deepEqual(record.metadata, { purpose: 'ci' });
    assert.equal(record.enabled, true);
    const stored = await db.query('SELECT * FROM api_keys');
    assert.ok(!JSON.stringify(stored.rows).includes(key));
    const imported = await store.apiKeys.importHash(hashApiKey('exported'), 'alice', false);
    assert.equal(imported.enabled, false);
    await assert.rejects(store.apiKeys.importHash('not-a-hash', 'x'), /128 lower-case hex/);
    assert.deepEqual(await store.apiKeys.getByHash(record.key_hash), record);
    assert.deepEqual(await store.apiKeys.get(record.id), record);
    assert.deepEqual(await store.apiKeys.get(imported.key_hash), imported);
    assert.equal(await store.apiKeys.get('missing'), undefined);
    assert.deepEqual(
      (await store.apiKeys.list()).map((r) => r.user),
      ['stanley', 'alice'],
    );
    assert.equal(await store.apiKeys.setEnabled(imported.id, true), true);
    assert.equal((await store.apiKeys.get(imported.id))?.enabled, true);
    assert.equal(await store.apiKeys.setEnabled('missing', true), false);
    assert.equal(await store.apiKeys.count(), 2);
    assert.equal(await store.apiKeys.delete(imported.id), true);
    assert.equal(await store.apiKeys.delete(imported.id), false);
    assert.equal(await store.apiKeys.count(), 1);
  });

  it('tokens: create (generated or given, with expiry), get, delete', async () => {
    const now = Date.UTC(2026, 0, 1);
    const made = await store.tokens.create({ user: 'stanley', ttlSeconds: 60, now });
    assert.match(made.token, /^[0-9a-f]{32}$/);
    assert.equal(made.expiryMs, now + 60_000);
    assert.equal(made.expiry, '2026-01-01T00:01:00.000000Z');
    assert.deepEqual(await store.tokens.get(made.token), made);
    const given = await store.tokens.create({ user: 'alice', token: 'fixed-token' });
    assert.equal((await store.tokens.get('fixed-token'))?.user, 'alice');
    assert.ok(given.expiryMs > Date.now() + 86_000_000);
    assert.equal(await store.tokens.get('missing'), undefined);
    assert.equal(await store.tokens.delete('fixed-token'), true);
    assert.equal(await store.tokens.delete('fixed-token'), false);
  });

  it('kv: set/replace per scope and user, expiry invisible to reads, list filters, delete, null-prototype snapshot', async () => {
    const now = Date.UTC(2026, 0, 1);
    await store.kv.set({ name: 'k', value: 'v1' });
    const replaced = await store.kv.set({ name: 'k', value: 'v2', secret: true });
    assert.deepEqual(replaced, { name: 'k', value: 'v2', scope: 'system', secret: true });
    await store.kv.set({ name: 'k', value: 'mine', scope: 'user', user: 'alice' });
    await store.kv.set({ name: 'other', value: 'x', scope: 'user', user: 'bob' });
    await store.kv.set({ name: 'B', value: 'upper' });
    const temp = await store.kv.set({ name: 'temp', value: 't', ttlSeconds: 10, now });
    assert.equal(temp.expire_timestamp, '2026-01-01T00:00:10.000Z');
    assert.deepEqual(await store.kv.get('k'), { name: 'k', value: 'v2', scope: 'system', secret: true });
    assert.equal((await store.kv.get('k', { scope: 'user', user: 'alice' }))?.value, 'mine');
    assert.equal(await store.kv.get('k', { scope: 'user', user: 'bob' }), undefined);
    assert.equal((await store.kv.get('temp', { now: now + 9_999 }))?.value, 't');
    assert.equal(await store.kv.get('temp', { now: now + 10_000 }), undefined);
    // Byte order ('B' before 'k'), as SQLite sorts.
    assert.deepEqual(
      (await store.kv.list({ now })).map((r) => `${r.scope}:${r.user ?? ''}:${r.name}`),
      ['system::B', 'system::k', 'system::temp', 'user:alice:k', 'user:bob:other'],
    );
    assert.deepEqual((await store.kv.list({ now: now + 10_000 })).length, 4);
    assert.deepEqual(
      (await store.kv.list({ scope: 'user', user: 'bob' })).map((r) => r.name),
      ['other'],
    );
    const snap = await store.kv.snapshot('alice');
    assert.deepEqual({ ...snap.system }, { B: 'upper', k: 'v2' });
    assert.deepEqual({ ...snap.user }, { k: 'mine' });
    assert.equal(Object.getPrototypeOf(snap.system), null);
    assert.equal(await store.kv.delete('other', { scope: 'user', user: 'bob' }), true);
    assert.equal(await store.kv.delete('other', { scope: 'user', user: 'bob' }), false);
    // delete purges expired keys.
    assert.equal((await db.query("SELECT 1 FROM kv WHERE name = 'temp'")).rowCount, 0);
  });

  it('deliveries: find within the window, record replaces, prune', async () => {
    await store.deliveries.record({ hook: 'gh', delivery_id: 'd1', trigger_instance_id: 'ti-1', received_at: 1000 });
    await store.deliveries.record({ hook: 'gh', delivery_id: 'd2', trigger_instance_id: 'ti-2', received_at: 5000 });
    assert.deepEqual(await store.deliveries.find('gh', 'd1', 500), {
      hook: 'gh',
      delivery_id: 'd1',
      trigger_instance_id: 'ti-1',
      received_at: 1000,
    });
    assert.equal(await store.deliveries.find('gh', 'd1', 1001), undefined);
    assert.equal(await store.deliveries.find('other', 'd1', 0), undefined);
    await store.deliveries.record({ hook: 'gh', delivery_id: 'd1', trigger_instance_id: 'ti-9', received_at: 9000 });
    assert.equal((await store.deliveries.find('gh', 'd1', 8000))?.trigger_instance_id, 'ti-9');
    assert.equal(await store.deliveries.prune(6000), 1);
    assert.equal(await store.deliveries.find('gh', 'd2', 0), undefined);
  });

  it('prune deletes at most `batch` old rows per table', async () => {
    const old = '2020-01-01T00:00:00.000000Z';
    await store.commit([
      instance('old-1', 'core.t', old),
      instance('old-2', 'core.t', old),
      instance('old-3', 'core.t', old),
    ]);
    store.executions.insert(execution('old-ex', { start_timestamp: old }));
    store.enforcements.insert(enforcement('old-en', 'old-1', 'p.r1', { enforced_at: old }));
    const cutoff = '2025-01-01T00:00:00.000000Z';
    assert.equal(await store.prune(cutoff, 2), 4);
    assert.equal(await store.prune(cutoff, 2), 1);
    assert.equal(await store.prune(cutoff, 2), 0);
    assert.equal(await store.triggerInstances.get('old-3'), undefined);
    assert.ok(await store.triggerInstances.get('ti-1'));
  });
});
