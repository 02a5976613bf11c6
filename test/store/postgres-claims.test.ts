// Work claims across nodes on one PostgreSQL database: FOR UPDATE SKIP LOCKED leases never hand a row to two
// nodes, expired leases are taken over, and renewing keeps a live node's work.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerInstanceRecord, ExecutionRecord, ExecutionStatus } from '../../src/store/index.ts';
import type { PostgresStore } from '../../src/store/postgres/index.ts';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import type { TestSchema } from './_postgres.ts';

const instance = (id: string): TriggerInstanceRecord => ({
  id,
  trigger: 'core.t',
  payload: {},
  occurrence_time: '2026-01-01T00:00:00.000000Z',
  status: 'pending',
  trace_tag: id,
});
const execution = (id: string, status: ExecutionStatus): ExecutionRecord => ({
  id,
  action: { ref: 'core.noop', name: 'noop', pack: 'core', runner_type: 'noop' },
  runner: { name: 'noop' },
  parameters: {},
  status,
  start_timestamp: '2026-01-01T00:00:00.000000Z',
  result: {},
  context: {},
  log: [],
});

describe('postgres store: claims across nodes', { skip: skipWithoutPostgres }, () => {
  let db: TestSchema;
  let writer: PostgresStore;
  before(async () => {
    db = await createTestSchema();
    // Work written with a 1 ms lease is up for grabs almost at once, as if its node had died.
    writer = await db.open({ nodeId: 'dead', leaseMs: 1 });
  });
  after(() => db?.drop());

  const expireAll = async (): Promise<void> => {
    await db.query('UPDATE trigger_instances SET lease_until = 0');
    await db.query('UPDATE executions SET lease_until = 0');
  };

  it('four nodes claiming concurrently take every expired instance exactly once, oldest first per claim', async () => {
    const nodes = await Promise.all(
      ['n1', 'n2', 'n3', 'n4'].map((nodeId) => db.open({ nodeId, leaseMs: 60_000, poolSize: 4 })),
    );
    const ids = Array.from({ length: 400 }, (_, i) => `ti-${String(i).padStart(3, '0')}`);
    await writer.commit(ids.map(instance));
    await expireAll();
    const taken = new Map<string, string[]>();
    await Promise.all(
      nodes.map(async (node) => {
        const mine: string[] = [];
        for (;;) {
          const claimed = await node.claims.claimInstances({ limit: 7 });
          if (claimed.length === 0) break;
          assert.deepEqual(
            claimed.map((r) => r.id),
            [...claimed.map((r) => r.id)].sort(),
          );
          mine.push(...claimed.map((r) => r.id));
        }
        taken.set(node.claims.nodeId, mine);
      }),
    );
    const all = [...taken.values()].flat();
    assert.equal(all.length, ids.length, 'no row claimed twice');
    assert.deepEqual([...new Set(all)].sort(), ids);
    assert.ok([...taken.values()].filter((mine) => mine.length > 0).length >= 2, 'the work was shared');
    const owners = await db.query<{ owner: string; n: number }>(
      'SELECT owner, count(*)::int AS n FROM trigger_instances GROUP BY owner ORDER BY owner',
    );
    assert.deepEqual(
      owners.rows.map((r) => [r.owner, r.n]),
      [...taken.entries()]
        .filter(([, v]) => v.length > 0)
        .map(([k, v]) => [k, v.length])
        .sort(),
    );
    // Live leases: nobody else gets them, unless recovery asks for all.
    assert.deepEqual(await nodes[0]!.claims.claimInstances({ limit: 1000 }), []);
    await db.query("UPDATE trigger_instances SET status = 'processed' WHERE id <> 'ti-000'");
    assert.deepEqual(
      (await nodes[1]!.claims.claimInstances({ limit: 1000, all: true })).map((r) => r.id),
      ['ti-000'],
    );
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('an expired lease is taken over; renew keeps a live node its work', async () => {
    const live = await db.open({ nodeId: 'live', leaseMs: 60_000 });
    const other = await db.open({ nodeId: 'other', leaseMs: 60_000 });
    await db.query("UPDATE trigger_instances SET status = 'processed'");
    await live.commit(['r-1', 'r-2', 'r-3'].map(instance));
    live.triggerInstances.setStatus('r-3', 'processing');
    assert.deepEqual(await other.claims.claimInstances({ limit: 10 }), [], 'fresh leases are not taken');
    await expireAll(); // time passes...
    await live.claims.renew(); // ...but the node is alive and renews
    assert.deepEqual(await other.claims.claimInstances({ limit: 10 }), []);
    const leases = await db.query<{ lease_until: number }>(
      "SELECT lease_until FROM trigger_instances WHERE owner = 'live'",
    );
    assert.ok(leases.rows.every((r) => Number(r.lease_until) > Date.now() + 50_000));
    await expireAll(); // the node died: no renew
    const claimed = await other.claims.claimInstances({ limit: 10 });
    assert.deepEqual(
      claimed.map((r) => [r.id, r.status]),
      [
        ['r-1', 'pending'],
        ['r-2', 'pending'],
        ['r-3', 'processing'],
      ],
    );
    assert.equal((await db.query("SELECT 1 FROM trigger_instances WHERE owner = 'other'")).rowCount, 3);
    // A late renew by the old owner does not take the work back.
    await live.claims.renew();
    assert.equal((await db.query("SELECT 1 FROM trigger_instances WHERE owner = 'live'")).rowCount, 0);
    await Promise.all([live.close(), other.close()]);
  });

  it('in-flight executions are claimed once, finished ones never; renew covers executions', async () => {
    const statuses: ExecutionStatus[] = ['requested', 'scheduled', 'running', 'succeeded', 'failed', 'abandoned'];
    for (const status of statuses) writer.executions.insert(execution(`ex-${status}`, status));
    await writer.durable();
    await expireAll();
    const a = await db.open({ nodeId: 'a', leaseMs: 60_000 });
    const b = await db.open({ nodeId: 'b', leaseMs: 60_000 });
    const [fromA, fromB] = await Promise.all([
      a.claims.claimExecutions({ limit: 2 }),
      b.claims.claimExecutions({ limit: 2 }),
    ]);
    const ids = [...fromA, ...fromB].map((e) => e.id).sort();
    assert.deepEqual(ids, ['ex-requested', 'ex-running', 'ex-scheduled']);
    assert.deepEqual(await a.claims.claimExecutions({ limit: 10 }), []);
    await expireAll();
    await a.claims.renew();
    const stillA = await db.query<{ id: string }>(
      "SELECT id FROM executions WHERE owner = 'a' AND lease_until > 0 ORDER BY id",
    );
    assert.deepEqual(
      stillA.rows.map((r) => r.id),
      fromA.map((e) => e.id).sort(),
    );
    // An execution inserted by a node is owned by it, with a lease.
    a.executions.insert(execution('ex-new', 'requested'));
    await a.durable();
    // b did not renew: its expired executions are up for grabs again, a's renewed and new ones are not.
    const regained = await b.claims.claimExecutions({ limit: 10 });
    assert.deepEqual(regained.map((e) => e.id).sort(), fromB.map((e) => e.id).sort());
    const row = await db.query<{ owner: string }>("SELECT owner FROM executions WHERE id = 'ex-new'");
    assert.equal(row.rows[0]?.owner, 'a');
    await Promise.all([a.close(), b.close()]);
  });

  it("a node whose work was taken over cannot overwrite the new owner's record: its late writes are reported, not applied", async () => {
    const lost: string[] = [];
    const slow = await db.open({
      nodeId: 'slow',
      leaseMs: 60_000,
      onDeferredError: (error) => lost.push(String(error)),
    });
    const taker = await db.open({ nodeId: 'taker', leaseMs: 60_000 });
    await slow.commit([instance('late-ti')]);
    slow.executions.insert(execution('late-ex', 'running'));
    await slow.durable();
    await expireAll(); // slow stalled past its lease...
    // (Earlier tests' leftovers in this schema are claimed too.)
    assert.ok((await taker.claims.claimExecutions({ limit: 100 })).some((e) => e.id === 'late-ex'));
    assert.ok((await taker.claims.claimInstances({ limit: 100 })).some((e) => e.id === 'late-ti'));
    taker.executions.update({ ...execution('late-ex', 'abandoned') });
    await taker.durable();
    // ...and comes back with results that are no longer its to record.
    slow.executions.update(execution('late-ex', 'succeeded'));
    slow.triggerInstances.setStatus('late-ti', 'processed');
    await slow.durable();
    const ex = await db.query<{ status: string; owner: string }>(
      "SELECT status, owner FROM executions WHERE id = 'late-ex'",
    );
    assert.deepEqual(ex.rows[0], { status: 'abandoned', owner: 'taker' });
    const ti = await db.query<{ status: string }>("SELECT status FROM trigger_instances WHERE id = 'late-ti'");
    assert.equal(ti.rows[0]?.status, 'pending');
    assert.equal(lost.length, 2);
    assert.match(
      lost.join('\n'),
      /execution late-ex is not owned by slow \(another node took it over\): its succeeded status was not recorded/,
    );
    assert.match(lost.join('\n'), /trigger instance late-ti is not owned by slow/);
    // The owner's own writes still apply.
    taker.triggerInstances.setStatus('late-ti', 'processed');
    await taker.durable();
    assert.equal(
      (await db.query<{ status: string }>("SELECT status FROM trigger_instances WHERE id = 'late-ti'")).rows[0]?.status,
      'processed',
    );
    await Promise.all([slow.close(), taker.close()]);
  });
});
