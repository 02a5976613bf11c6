// The async store contract on SQLite: the durable() barrier, work ownership (claims and leases), and fsync off
// the event loop (the writer thread commits while timers keep firing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import type { ExecutionRecord } from '../../src/store/index.ts';

const rec = (id: string, status: 'pending' | 'processing' | 'processed' = 'pending') => ({
  id,
  trigger: 'core.x',
  payload: { body: { id } },
  occurrence_time: '2026-01-01T00:00:00.000000Z',
  status,
  trace_tag: `t-${id}`,
});

function execution(id: string, status: ExecutionRecord['status']): ExecutionRecord {
  return {
    id,
    action: { ref: 'core.local', name: 'local', pack: 'core', runner_type: 'local-shell-cmd' },
    runner: { name: 'local-shell-cmd' },
    parameters: {},
    status,
    start_timestamp: '2026-01-01T00:00:00.000000Z',
    result: {},
    context: {},
    log: [{ status, timestamp: '2026-01-01T00:00:00.000000Z' }],
  };
}

describe('async store (SQLite)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-async-store-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const writer of ['worker', 'inline'] as const) {
    it(`durable() (${writer}): a write queued before it is visible to a second connection once it resolves`, async () => {
      const path = join(dir, `barrier-${writer}.db`);
      const store = openStore(path, { writer });
      const other = new Database(path, { readonly: true });
      try {
        await store.commit([rec('i1')]);
        const status = other.prepare<[string], { status: string }>('SELECT status FROM trigger_instances WHERE id = ?');
        const enforcement = other.prepare<[], { n: number }>('SELECT count(*) AS n FROM rule_enforcements');
        store.triggerInstances.setStatus('i1', 'processed');
        store.enforcements.insert({
          id: 'e1',
          trigger_instance_id: 'i1',
          rule: { ref: 'p.r', id: 'r', uid: 'u' },
          enforced_at: 'x',
          status: 'succeeded',
        });
        // Queued, not yet committed (the batch goes after this turn).
        assert.equal(status.get('i1')?.status, 'pending');
        await store.durable();
        assert.equal(status.get('i1')?.status, 'processed');
        assert.equal(enforcement.get()?.n, 1);
        // Nothing queued: resolves at once.
        await store.durable();
      } finally {
        other.close();
        await store.close();
      }
    });
  }

  it('an execution inserted and updated in one batch is stored in its last state; later updates still apply', async () => {
    const store = openStore(join(dir, 'coalesce.db'));
    try {
      const x = execution('x1', 'requested');
      store.executions.insert(x);
      x.status = 'scheduled';
      store.executions.update(x);
      x.status = 'running';
      store.executions.update(x);
      // Handed over: the batch writes the record as it is when the batch is taken (one JSON for three states).
      x.status = 'canceled';
      assert.equal((await store.executions.get('x1'))?.status, 'canceled');
      // Once written, later changes need an update() to reach the store.
      x.status = 'timeout';
      assert.equal((await store.executions.get('x1'))?.status, 'canceled');
      x.status = 'succeeded';
      store.executions.update(x);
      assert.equal((await store.executions.get('x1'))?.status, 'succeeded');
      assert.equal(
        (await store.claims.claimExecutions({ limit: 5, all: true })).length,
        0,
        'finished: nothing in flight',
      );
    } finally {
      await store.close();
    }
  });

  it('durable() rejects when the batch holding earlier writes fails', async () => {
    const path = join(dir, 'barrier-fail.db');
    const store = openStore(path);
    const admin = new Database(path);
    try {
      admin.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON trigger_instances BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
      );
      const committed = store.commit([rec('x')]);
      const barrier = store.durable();
      await assert.rejects(committed, /disk says no/);
      await assert.rejects(barrier, /disk says no/);
    } finally {
      admin.close();
      await store.close();
    }
  });

  it('the event loop keeps ticking while the writer thread commits a large batch', async () => {
    const store = openStore(join(dir, 'loop.db'), { writer: 'worker' });
    try {
      await store.commit([rec('warm')]); // starts the thread
      const big = { blob: 'x'.repeat(2000) };
      const records = Array.from({ length: 20_000 }, (_, i) => ({ ...rec(`b${i}`), payload: big }));
      let ticks = 0;
      let longest = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        ticks += 1;
      }, 1);
      const started = performance.now();
      // Handing the batch over (structured clone to the thread) is on this thread; the transaction and its
      // fsync are not. A blocked loop would show as one gap as long as the whole commit.
      await store.commit(records);
      const elapsed = performance.now() - started;
      clearInterval(timer);
      assert.ok(ticks >= 5, `timer fired ${ticks} times during a ${elapsed.toFixed(0)} ms commit`);
      assert.ok(longest < elapsed * 0.8, `longest gap ${longest.toFixed(0)} ms of a ${elapsed.toFixed(0)} ms commit`);
      assert.equal((await store.triggerInstances.list({ limit: 1 }))[0]?.id, 'b19999');
    } finally {
      await store.close();
    }
  });

  it('claims: new work is owned with a lease; expired leases are claimed, renew extends, `all` ignores leases', async () => {
    const path = join(dir, 'claims.db');
    const a = openStore(path, { nodeId: 'node-a', leaseMs: 60_000 });
    const other = new Database(path);
    const owner = other.prepare<[string], { owner: string | null; lease_until: number | null }>(
      'SELECT owner, lease_until FROM trigger_instances WHERE id = ?',
    );
    const execOwner = other.prepare<[string], { owner: string | null; lease_until: number | null }>(
      'SELECT owner, lease_until FROM executions WHERE id = ?',
    );
    const b = openStore(path, { nodeId: 'node-b', leaseMs: 1_000 });
    try {
      assert.equal(a.claims.nodeId, 'node-a');
      assert.equal(a.claims.leaseMs, 60_000);
      const anonymous = openStore(':memory:');
      assert.match(anonymous.claims.nodeId, /\S/);
      assert.notEqual(
        anonymous.claims.nodeId,
        openStore(':memory:', { leaseMs: 5 }).claims.nodeId,
        'random per store unless set',
      );
      assert.equal(anonymous.claims.leaseMs, 30_000);
      await anonymous.close();
      const t0 = Date.now();
      await a.commit([rec('i1'), rec('i2', 'processing'), rec('done', 'processed')]);
      a.executions.insert(execution('x1', 'running'));
      a.executions.insert(execution('x2', 'succeeded'));
      await a.durable();
      const row = owner.get('i1');
      assert.equal(row?.owner, 'node-a');
      assert.ok((row?.lease_until ?? 0) >= t0 + 60_000 && (row?.lease_until ?? 0) <= Date.now() + 60_000);
      assert.equal(execOwner.get('x1')?.owner, 'node-a');

      // node-a's leases are live: node-b claims nothing.
      assert.deepEqual(await b.claims.claimInstances({ limit: 10 }), []);
      assert.deepEqual(await b.claims.claimExecutions({ limit: 10 }), []);

      // Leases expire (node-a stopped renewing): node-b takes the unfinished work, oldest first, up to limit.
      other.prepare("UPDATE trigger_instances SET lease_until = ? WHERE owner = 'node-a'").run(Date.now() - 1);
      other.prepare("UPDATE executions SET lease_until = ? WHERE owner = 'node-a'").run(Date.now() - 1);
      const doneLease = owner.get('done')?.lease_until;
      assert.deepEqual(
        (await b.claims.claimInstances({ limit: 1 })).map((r) => r.id),
        ['i1'],
      );
      assert.equal(owner.get('i1')?.owner, 'node-b');
      assert.deepEqual(
        (await b.claims.claimInstances({ limit: 10 })).map((r) => r.id),
        ['i2'],
      );
      assert.deepEqual(
        (await b.claims.claimInstances({ limit: 10 })).map((r) => r.id),
        [],
        "claimed rows carry node-b's live lease",
      );
      const claimed = await b.claims.claimExecutions({ limit: 10 });
      assert.deepEqual(
        claimed.map((r) => r.id),
        ['x1'],
      );
      assert.equal(claimed[0]?.status, 'running');
      assert.equal(execOwner.get('x1')?.owner, 'node-b');
      assert.equal(owner.get('done')?.owner, 'node-a', 'finished work is never claimed');

      // renew extends node-b's leases (and only its unfinished rows).
      const before = owner.get('i1')?.lease_until ?? 0;
      await new Promise((r) => setTimeout(r, 5));
      await b.claims.renew();
      assert.ok((owner.get('i1')?.lease_until ?? 0) > before);
      assert.ok((execOwner.get('x1')?.lease_until ?? 0) > before);
      assert.equal(owner.get('done')?.lease_until, doneLease, 'a finished row keeps its lease');

      // `all` takes every unfinished row whatever its lease (single-node recovery on start).
      assert.deepEqual(
        (await a.claims.claimInstances({ limit: 10, all: true })).map((r) => r.id),
        ['i1', 'i2'],
      );
      assert.equal(owner.get('i2')?.owner, 'node-a');
      assert.deepEqual(
        (await a.claims.claimExecutions({ limit: 10, all: true })).map((r) => r.id),
        ['x1'],
      );

      // A lease that runs out without renewal is claimable again.
      b.triggerInstances.setStatus('i1', 'pending');
      await b.claims.claimInstances({ limit: 10, all: true });
      await new Promise((r) => setTimeout(r, 1_100));
      assert.deepEqual(
        (await a.claims.claimInstances({ limit: 10 })).map((r) => r.id),
        ['i1', 'i2'],
      );

      a.enforcements.insert({
        id: 'e1',
        trigger_instance_id: 'i1',
        rule: { ref: 'p.r', id: 'r', uid: 'u' },
        enforced_at: 'x',
        status: 'succeeded',
      });
      // Queued, not awaited: hasEnforcements waits for the barrier.
      assert.equal(await a.claims.hasEnforcements('i1'), true);
      assert.equal(await a.claims.hasEnforcements('i2'), false);
    } finally {
      other.close();
      await a.close();
      await b.close();
    }
  });

  it('the ownership migration keeps rows from before it: unowned, so claimable', async () => {
    const path = join(dir, 'legacy.db');
    const store = openStore(path, { nodeId: 'n' });
    await store.commit([rec('old')]);
    await store.close();
    const db = new Database(path);
    db.prepare('UPDATE trigger_instances SET owner = NULL, lease_until = NULL').run();
    db.close();
    const again = openStore(path, { nodeId: 'm' });
    try {
      assert.deepEqual(
        (await again.claims.claimInstances({ limit: 5 })).map((r) => r.id),
        ['old'],
      );
    } finally {
      await again.close();
    }
  });
});
