// Group commit on PostgreSQL: concurrent commits share transactions, a failing deferred write is isolated in its
// savepoint, durable() is a barrier, and a database that is gone or refuses writes rejects commits quickly with
// a stable code instead of hanging.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TriggerInstanceRecord, EnforcementRecord } from '../../src/store/index.ts';
import { openPostgresStore, STORE_UNAVAILABLE } from '../../src/store/postgres/index.ts';
import type { PostgresStore } from '../../src/store/postgres/index.ts';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import type { TestSchema } from './_postgres.ts';

const instance = (id: string): TriggerInstanceRecord => ({
  id,
  trigger: 'core.t',
  payload: { id },
  occurrence_time: '2026-01-01T00:00:00.000000Z',
  status: 'pending',
  trace_tag: id,
});
const enforcement = (id: string, instanceId: string, rule: string): EnforcementRecord => ({
  id,
  trigger_instance_id: instanceId,
  rule: { ref: rule, id: rule, uid: `rule:${rule}` },
  enforced_at: '2026-01-01T00:00:00.000000Z',
  status: 'succeeded',
});
const count = async (db: TestSchema, table: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);

/** A TCP relay to the server that the test can cut, as if the database went away. */
async function relay(url: string): Promise<{ url: string; cut(): Promise<void> }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as AddressInfo).port);
  return {
    url: relayed.toString(),
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

describe('postgres store: group commit and failures', { skip: skipWithoutPostgres }, () => {
  let db: TestSchema;
  let store: PostgresStore;
  before(async () => {
    db = await createTestSchema();
    store = await db.open({ nodeId: 'gc' });
  });
  after(() => db?.drop());

  it('many commits in one turn share a transaction and all resolve', async () => {
    const before = store.transactions;
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.commit([instance(`burst-${i}`)])));
    assert.equal(await count(db, 'trigger_instances'), 300);
    assert.equal(store.transactions - before, 1);
    assert.equal(store.slowPaths, 0);
  });

  it('commits arriving while a transaction runs join the next one: fewer transactions than commits', async () => {
    const before = store.transactions;
    const pending: Array<Promise<void>> = [];
    for (let wave = 0; wave < 20; wave += 1) {
      for (let i = 0; i < 10; i += 1) pending.push(store.commit([instance(`wave-${wave}-${i}`)]));
      await nextTurn();
    }
    await Promise.all(pending);
    const used = store.transactions - before;
    assert.ok(used >= 1 && used <= 20, `${used} transactions for 200 commits in 20 turns`);
    assert.equal(await count(db, 'trigger_instances'), 500);
  });

  it('a failing deferred write rolls back to its savepoint: the batch and the other writes commit', async () => {
    const failures: string[] = [];
    const local = await db.open({ nodeId: 'sp', onDeferredError: (_e, label) => failures.push(label) });
    local.enforcements.insert(enforcement('sp-1', 'sp-ti', 'p.r'));
    await local.durable();
    const committed = local.commit([instance('sp-ti')]);
    local.enforcements.insert(enforcement('sp-dup', 'sp-ti', 'p.r')); // violates UNIQUE (trigger_instance_id, rule_ref)
    local.triggerInstances.setStatus('sp-ti', 'processed');
    local.enforcements.insert(enforcement('sp-2', 'sp-ti', 'p.other'));
    await committed;
    await local.durable();
    assert.deepEqual(failures, ['enforcements.insert']);
    assert.equal(local.slowPaths, 1, 'the batch was redone with savepoints');
    assert.equal((await local.triggerInstances.get('sp-ti'))?.status, 'processed');
    assert.deepEqual(
      (await local.enforcements.list({ trigger_instance: 'sp-ti' })).map((e) => e.id),
      ['sp-2', 'sp-1'],
    );
  });

  it('durable() resolves once everything queued before it is visible to other connections', async () => {
    await store.durable(); // nothing queued: resolves at once
    store.executions.insert({
      id: 'dur-ex',
      action: { ref: 'core.noop', name: 'noop', pack: 'core', runner_type: 'noop' },
      runner: { name: 'noop' },
      parameters: {},
      status: 'requested',
      start_timestamp: '2026-01-01T00:00:00.000000Z',
      result: {},
      context: {},
      log: [],
    });
    store.triggerInstances.setStatus('burst-0', 'processing');
    assert.equal((await db.query("SELECT 1 FROM executions WHERE id = 'dur-ex'")).rowCount, 0);
    await store.durable();
    assert.equal((await db.query("SELECT 1 FROM executions WHERE id = 'dur-ex'")).rowCount, 1);
    assert.equal(
      (await db.query<{ status: string }>("SELECT status FROM trigger_instances WHERE id = 'burst-0'")).rows[0]?.status,
      'processing',
    );
  });

  it('a failed transaction rejects its commits and durable() with the stable code; the next batch still works', async () => {
    const dup = store.commit([instance('burst-1')]);
    const barrier = store.durable();
    await assert.rejects(
      dup,
      (e: { code?: string; sqlState?: string }) => e.code === STORE_UNAVAILABLE && e.sqlState === '23505',
    );
    await assert.rejects(barrier, { code: STORE_UNAVAILABLE });
    await store.commit([instance('after-failure')]);
    assert.ok(await store.triggerInstances.get('after-failure'));
  });

  it('a database refusing writes (SQLSTATE 25006) rejects the commit and its deferred writes', async () => {
    const failures: string[] = [];
    const local = await db.open({ nodeId: 'ro', onDeferredError: (_e, label) => failures.push(label) });
    await db.query(
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'read-only' USING ERRCODE = '25006'; END $$`,
    );
    await db.query(
      'CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE ON trigger_instances FOR EACH ROW EXECUTE FUNCTION refuse()',
    );
    try {
      local.triggerInstances.setStatus('burst-2', 'processed');
      await assert.rejects(
        local.commit([instance('ro-1')]),
        (e: { code?: string; sqlState?: string }) => e.code === STORE_UNAVAILABLE && e.sqlState === '25006',
      );
      assert.equal(failures.length, 1);
    } finally {
      await db.query('DROP TRIGGER refuse_writes ON trigger_instances');
    }
    assert.equal(await local.triggerInstances.get('ro-1'), undefined);
  });

  it('a table locked by someone else fails the commit after the statement timeout, not never', async () => {
    const local = await db.open({ nodeId: 'lk', statementTimeoutMs: 300 });
    await db.query('BEGIN');
    await db.query('LOCK TABLE trigger_instances IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    try {
      await assert.rejects(
        local.commit([instance('lk-1')]),
        (e: { code?: string; sqlState?: string }) => e.code === STORE_UNAVAILABLE && e.sqlState === '57014',
      );
    } finally {
      await db.query('ROLLBACK');
    }
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
  });

  it('a server that went away (connection cut) rejects the commit quickly with the stable code', async () => {
    const link = await relay(db.url);
    const local = await openPostgresStore(link.url, { schema: db.schema, nodeId: 'cut', connectTimeoutMs: 1000 });
    try {
      await local.commit([instance('cut-1')]);
      await link.cut();
      const started = Date.now();
      await assert.rejects(local.commit([instance('cut-2')]), { code: STORE_UNAVAILABLE });
      assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
      await assert.rejects(local.commit([instance('cut-3')]), { code: STORE_UNAVAILABLE });
    } finally {
      await local.close();
    }
    const password = new URL(db.url).password;
    if (password) assert.ok(!local.location.includes(`:${password}@`), local.location);
  });

  it('an unreachable server fails openPostgresStore quickly with the stable code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = Date.now();
    await assert.rejects(
      openPostgresStore(`postgres://rules:secret@127.0.0.1:${port}/rules`, { connectTimeoutMs: 1000 }),
      { code: STORE_UNAVAILABLE },
    );
    assert.ok(Date.now() - started < 3000);
  });
});
