import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import type { ExecutionRecord } from '../../src/store/index.ts';
import { recoverOnStart, ABANDON_REASON } from '../../src/enforce/index.ts';
import type { TriggerInstanceSubmission } from '../../src/model/index.ts';
import { rule, ruleSet } from '../runtime/helpers.ts';

const rs = ruleSet([rule('test.r1', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]);
const webhookRef = rs.webhooks.get('sample')?.[0]?.ref ?? '';

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

test('recovery resubmits unprocessed instances once, skips enforced ones and abandons in-flight executions', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-recovery-'));
  const path = join(dir, 'store.db');
  try {
    // The "crashed" process: state written, then the store closed without finishing.
    const before = openStore(path);
    const base = {
      trigger: webhookRef,
      payload: { body: { n: 1 } },
      occurrence_time: '2026-01-01T00:00:00.000000Z',
      trace_tag: 't',
    };
    await before.commit([
      { ...base, id: 'a'.repeat(24), status: 'pending' },
      { ...base, id: 'b'.repeat(24), status: 'processing' },
      { ...base, id: 'c'.repeat(24), status: 'processed' },
      { ...base, id: 'd'.repeat(24), status: 'processing' },
    ]);
    before.enforcements.insert({
      id: 'e'.repeat(24),
      trigger_instance_id: 'd'.repeat(24),
      rule: { ref: 'test.r1', id: 'x', uid: 'x' },
      enforced_at: base.occurrence_time,
      status: 'succeeded',
    });
    before.executions.insert(execution('1'.repeat(24), 'running'));
    before.executions.insert(execution('2'.repeat(24), 'scheduled'));
    before.executions.insert(execution('3'.repeat(24), 'succeeded'));
    await before.close();

    const store = openStore(path);
    try {
      const submitted: TriggerInstanceSubmission[] = [];
      const report = await recoverOnStart({
        store,
        processor: { submit: (i) => submitted.push(i) },
        ruleSet: () => rs,
      });
      assert.deepEqual(report, { resubmitted: 2, alreadyEnforced: 1, abandoned: 2, retried: 0 });
      assert.deepEqual(
        submitted.map((s) => s.id),
        ['a'.repeat(24), 'b'.repeat(24)],
      );
      // Resolved to the rule set's Trigger so the processor can match it.
      assert.equal(submitted[0]?.trigger, rs.webhooks.get('sample')?.[0]);
      assert.equal((await store.triggerInstances.get('d'.repeat(24)))?.status, 'processed');
      const abandoned = await store.executions.get('1'.repeat(24));
      assert.equal(abandoned?.status, 'abandoned');
      assert.equal(abandoned?.result['error'], ABANDON_REASON);
      assert.equal(abandoned?.log.at(-1)?.status, 'abandoned');
      assert.equal((await store.executions.get('3'.repeat(24)))?.status, 'succeeded');
      // The UNIQUE constraint: a second enforcement of the same rule for the same instance is refused.
      const db = new Database(path);
      const dup = db.prepare(
        "INSERT INTO rule_enforcements (id, trigger_instance_id, execution_id, rule_ref, status, enforced_at, record) VALUES ('f', ?, NULL, 'test.r1', 'succeeded', '', '{}')",
      );
      assert.throws(() => dup.run('d'.repeat(24)), /UNIQUE/);
      db.close();
      // Running recovery again finds nothing left in flight to abandon.
      assert.equal(
        (await recoverOnStart({ store, processor: { submit: () => undefined }, ruleSet: () => rs })).abandoned,
        0,
      );
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('retention prunes old records in batches and keeps recent ones; 0 keeps forever', async () => {
  const { pruneOnce, parseRetention, startRetention } = await import('../../src/store/index.ts');
  assert.equal(parseRetention('30d'), 30 * 86_400_000);
  assert.equal(parseRetention('0'), 0);
  assert.equal(parseRetention('abc'), undefined);
  const dir = await mkdtemp(join(tmpdir(), 'rules-retention-'));
  const store = openStore(join(dir, 'store.db'));
  try {
    const old = '2020-01-01T00:00:00.000000Z';
    const recent = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: `old${String(i).padStart(21, '0')}`,
      trigger: webhookRef,
      payload: {},
      occurrence_time: old,
      status: 'processed' as const,
      trace_tag: 't',
    }));
    await store.commit([...rows, { ...rows[0]!, id: 'new'.padEnd(24, '0'), occurrence_time: recent }]);
    // Queued, not awaited: prune's barrier makes it visible.
    store.executions.insert({ ...execution('9'.repeat(24), 'succeeded'), start_timestamp: old });
    assert.equal(await pruneOnce(store, 0), 0);
    assert.equal(await pruneOnce(store, 86_400_000, 3), 3 + 1);
    assert.equal(await pruneOnce(store, 86_400_000, 3), 3);
    assert.equal(await pruneOnce(store, 86_400_000, 3), 1);
    assert.equal(await pruneOnce(store, 86_400_000, 3), 0);
    assert.ok(await store.triggerInstances.get('new'.padEnd(24, '0')));
    assert.equal(await store.executions.get('9'.repeat(24)), undefined);
    // The background loop does the same without being driven.
    await store.commit([{ ...rows[0]!, id: 'late'.padEnd(24, '0') }]);
    const stop = startRetention(store, { maxAgeMs: 86_400_000, intervalMs: 20 });
    const deadline = Date.now() + 5_000;
    while ((await store.triggerInstances.get('late'.padEnd(24, '0'))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    stop();
    assert.equal(await store.triggerInstances.get('late'.padEnd(24, '0')), undefined);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
