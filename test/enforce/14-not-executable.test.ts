// Issue 14, point 1: a rule whose action runs on a StackStorm runner this runtime does not execute (orquesta,
// action-chain, ...) is enforced as StackStorm's RuleEnforcer.enforce() does (st2reactor/rules/enforcer.py: the
// enforcement succeeds and records its execution), and the execution then fails at once with a message naming the
// runner, instead of the rule being refused. Parameters are rendered and cast against the runner's parameters
// (rules/runners/orquesta.yaml) as for any other runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/enforce/engine.ts';
import { loadBuiltins } from '../../src/pack/index.ts';
import { memoryStore } from '../actions/db.ts';
import { action, rule } from './helpers.ts';
import { ruleSet } from './ruleset.ts';

test('an action of a runner not executable here: enforcement succeeded, execution failed naming the runner', async () => {
  const store = memoryStore();
  const notify = action('chatops.post', 'orquesta', { message: { type: 'string', required: true } });
  const { set, entry } = ruleSet([rule('r', 'chatops.post', { message: '{{ trigger.body.m }}' })], [notify]);
  const engine = createEngine({ ruleSet: () => set, store, runnerSchemas: loadBuiltins().runners });
  engine.submit({ id: 'ti1', trigger: entry, payload: { body: { m: 'hi' } }, traceTag: 't', occurrenceTime: '' });
  await engine.idle();
  const [enforcement] = store.enforcements.list();
  assert.equal(enforcement?.status, 'succeeded');
  const execution = store.executions.get(enforcement?.execution_id ?? '');
  assert.ok(execution);
  assert.equal(execution.status, 'failed');
  assert.deepEqual(
    execution.log.map((l) => l.status),
    ['requested', 'scheduled', 'running', 'failed'],
  );
  const error = String(execution.result['error']);
  assert.match(error, /runner "orquesta" is not executable by this runtime/);
  assert.match(error, /action "chatops\.post"/);
  assert.equal(execution.result['runner'], 'orquesta');
  // Rendered and finalized with orquesta's runner parameters (notify, default []) and the action's.
  assert.deepEqual(execution.parameters, { message: 'hi', notify: [] });
  await engine.close();
});

test('an unknown runner type still fails the enforcement without an execution', async () => {
  const store = memoryStore();
  const odd = action('p.odd', 'no-such-runner');
  const { set, entry } = ruleSet([rule('r', 'p.odd', {})], [odd]);
  const engine = createEngine({ ruleSet: () => set, store, runnerSchemas: loadBuiltins().runners });
  engine.submit({ id: 'ti1', trigger: entry, payload: {}, traceTag: 't', occurrenceTime: '' });
  await engine.idle();
  const [enforcement] = store.enforcements.list();
  assert.equal(enforcement?.status, 'failed');
  assert.equal(enforcement?.failure_reason, 'RunnerType "no-such-runner" doesn\'t exist');
  assert.equal(store.executions.list().length, 0);
  await engine.close();
});
