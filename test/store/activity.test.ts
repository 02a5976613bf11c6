// store.activity(since): the console's counts of the last hour (issue 19), on SQLite and PostgreSQL alike. Records
// older than `since` carry ids of an earlier second and must not be counted; queued writes must be.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, newObjectId, openStore } from '../../src/store/index.ts';
import type { EnforcementRecord, ExecutionRecord, ExecutionStatus, Store } from '../../src/store/index.ts';
import { SQLITE_ACTIVITY_SQL, sinceId } from '../../src/store/activity.ts';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import type { TestSchema } from './_postgres.ts';

const HOUR = 3_600_000;

function execution(id: string, status: ExecutionStatus, instanceId: string): ExecutionRecord {
  return {
    id,
    action: { ref: 'core.noop', name: 'noop', pack: 'core', runner_type: 'noop' },
    runner: { name: 'noop' },
    trigger_instance: { id: instanceId },
    parameters: {},
    status,
    start_timestamp: '2026-01-01T00:00:00.000000Z',
    result: {},
    context: {},
    log: [],
  };
}

function enforcement(id: string, instanceId: string, rule: string, status: 'succeeded' | 'failed'): EnforcementRecord {
  return {
    id,
    trigger_instance_id: instanceId,
    rule: { ref: rule, id: rule, uid: `rule:${rule}` },
    enforced_at: '2026-01-01T00:00:00.000000Z',
    status,
  };
}

/** Two hours ago: 1 instance, 1 enforcement, 1 execution. Now: 3 instances, two matched (one by two rules). */
async function fill(store: Store, now: number): Promise<void> {
  const old = now - 2 * HOUR;
  const oldTi = newObjectId(old);
  const fresh = [newObjectId(now), newObjectId(now), newObjectId(now)] as const;
  const instance = (id: string) => ({
    id,
    trigger: 'core.t',
    payload: { a: 1 },
    occurrence_time: '2026-01-01T00:00:00.000000Z',
    status: 'pending' as const,
    trace_tag: '',
  });
  await store.commit([instance(oldTi), ...fresh.map(instance)]);
  store.enforcements.insert(enforcement(newObjectId(old), oldTi, 'p.r', 'succeeded'));
  store.executions.insert(execution(newObjectId(old), 'succeeded', oldTi));
  store.enforcements.insert(enforcement(newObjectId(now), fresh[0], 'p.r', 'succeeded'));
  store.enforcements.insert(enforcement(newObjectId(now), fresh[0], 'p.s', 'succeeded'));
  store.enforcements.insert(enforcement(newObjectId(now), fresh[1], 'p.r', 'succeeded'));
  store.enforcements.insert(enforcement(newObjectId(now), fresh[2], 'p.r', 'failed'));
  store.executions.insert(execution(newObjectId(now), 'succeeded', fresh[0]));
  store.executions.insert(execution(newObjectId(now), 'succeeded', fresh[0]));
  store.executions.insert(execution(newObjectId(now), 'failed', fresh[1]));
  // Not awaited: activity() must see writes queued before it.
}

function check(counts: Awaited<ReturnType<Store['activity']>>, since: number): void {
  assert.equal(counts.since, new Date(Math.floor(since / 1000) * 1000).toISOString());
  assert.deepEqual(counts.trigger_instances, { received: 3, matched: 2 });
  assert.deepEqual(counts.enforcements, { succeeded: 3, failed: 1 });
  assert.deepEqual(counts.executions, { succeeded: 2, failed: 1 });
}

describe('store activity counts', () => {
  it('sinceId is the smallest id of that second and sorts like the ids', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    assert.equal(sinceId(ms).length, 24);
    assert.ok(newObjectId(ms) >= sinceId(ms));
    assert.ok(newObjectId(ms - 1000) < sinceId(ms));
    assert.equal(sinceId(-5), '0'.repeat(24));
  });

  it('SQLite: every count is a range on the id index, never a scan of the table', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      migrate(db);
      for (const [name, sql] of Object.entries(SQLITE_ACTIVITY_SQL)) {
        const plan = db
          .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all('x')
          .map((r) => r.detail)
          .join(' | ');
        assert.match(plan, /SEARCH \w+ USING (COVERING )?INDEX sqlite_autoindex_\w+ \(id>\?\)/, `${name}: ${plan}`);
        assert.doesNotMatch(plan, /SCAN \w+ USING/, `${name}: ${plan}`);
      }
    } finally {
      db.close();
    }
  });

  it('SQLite: counts only what is newer than since, including queued writes', async () => {
    const store = openStore(':memory:');
    try {
      const now = Date.now();
      await fill(store, now);
      check(await store.activity(now - HOUR), now - HOUR);
      const empty = await store.activity(now + 2 * HOUR);
      assert.deepEqual(empty.trigger_instances, { received: 0, matched: 0 });
      assert.deepEqual(empty.executions, {});
    } finally {
      await store.close();
    }
  });
});

describe('store activity counts on PostgreSQL', { skip: skipWithoutPostgres }, () => {
  let db: TestSchema;
  before(async () => {
    db = await createTestSchema();
  });
  after(async () => {
    await db?.drop();
  });
  it('counts only what is newer than since, including queued writes', async () => {
    const store = await db.open();
    const now = Date.now();
    await fill(store, now);
    check(await store.activity(now - HOUR), now - HOUR);
  });
});
