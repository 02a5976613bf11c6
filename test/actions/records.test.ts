import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionRecord } from '../../src/store/index.ts';
import { memoryStore } from './db.ts';

function execution(id: string, extra: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    id,
    action: { ref: 'core.local', name: 'local', pack: 'core', runner_type: 'local-shell-cmd' },
    runner: { name: 'local-shell-cmd' },
    rule: { ref: 'test.r1', id: 'rule:test:r1', name: 'r1', pack: 'test' },
    trigger_instance: { id: 'ti1' },
    parameters: { cmd: 'echo' },
    status: 'requested',
    start_timestamp: '2026-01-01T00:00:00.000000Z',
    result: {},
    context: {},
    log: [],
    ...extra,
  };
}

test('executions: insert, update, get and filtered newest-first listing', () => {
  const store = memoryStore();
  store.executions.insert(execution('a'));
  store.executions.insert(
    execution('b', { status: 'succeeded', rule: { ref: 'test.r2', id: 'x', name: 'r2', pack: 'test' } }),
  );
  store.executions.insert(
    execution('c', {
      trigger_instance: { id: 'ti2' },
      action: { ref: 'core.noop', name: 'noop', pack: 'core', runner_type: 'noop' },
    }),
  );
  const a = store.executions.get('a');
  assert.ok(a);
  a.status = 'failed';
  a.result = { error: 'x' };
  store.executions.update(a);
  assert.deepEqual(store.executions.get('a')?.result, { error: 'x' });
  assert.equal(store.executions.get('nope'), undefined);
  assert.deepEqual(
    store.executions.list().map((e) => e.id),
    ['c', 'b', 'a'],
  );
  assert.deepEqual(
    store.executions.list({ status: 'failed' }).map((e) => e.id),
    ['a'],
  );
  assert.deepEqual(
    store.executions.list({ rule: 'test.r2' }).map((e) => e.id),
    ['b'],
  );
  assert.deepEqual(
    store.executions.list({ action: 'core.noop' }).map((e) => e.id),
    ['c'],
  );
  assert.deepEqual(
    store.executions.list({ trigger_instance: 'ti1' }).map((e) => e.id),
    ['b', 'a'],
  );
  assert.deepEqual(
    store.executions.list({ limit: 1, offset: 1 }).map((e) => e.id),
    ['b'],
  );
  // A filter value is data, never SQL.
  assert.deepEqual(store.executions.list({ status: "failed' OR '1'='1" }), []);
});

test('rule enforcements: insert and filtered listing', () => {
  const store = memoryStore();
  store.enforcements.insert({
    id: 'e1',
    trigger_instance_id: 'ti1',
    rule: { ref: 'test.r1', id: 'i', uid: 'u' },
    enforced_at: 't',
    status: 'failed',
    failure_reason: 'boom',
  });
  store.enforcements.insert({
    id: 'e2',
    trigger_instance_id: 'ti2',
    execution_id: 'x1',
    rule: { ref: 'test.r1', id: 'i', uid: 'u' },
    enforced_at: 't',
    status: 'succeeded',
  });
  assert.deepEqual(
    store.enforcements.list().map((e) => e.id),
    ['e2', 'e1'],
  );
  assert.deepEqual(
    store.enforcements.list({ trigger_instance: 'ti1' }).map((e) => e.failure_reason),
    ['boom'],
  );
  assert.deepEqual(
    store.enforcements.list({ execution: 'x1' }).map((e) => e.id),
    ['e2'],
  );
  assert.equal(store.enforcements.get('e2')?.execution_id, 'x1');
});
