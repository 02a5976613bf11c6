import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/enforce/index.ts';
import type { ActionModel, ParameterSpec } from '../../src/model/index.ts';
import { memoryStore } from '../actions/db.ts';
import { action, rule } from './helpers.ts';
import { ruleSet } from './ruleset.ts';

const localRunner: Record<string, ParameterSpec> = {
  cmd: { type: 'string', required: true },
  cwd: { type: 'string' },
  env: { type: 'object' },
  sudo: { type: 'boolean', default: false },
  sudo_password: { type: 'string', secret: true },
  timeout: { type: 'integer', default: 60 },
};
const coreLocal = action('core.local', 'local-shell-cmd', {
  cmd: { type: 'string', required: true },
  sudo: { type: 'boolean', immutable: true, default: false },
});
const coreNoop = action('core.noop', 'noop');
const runnerSchemas = new Map([
  ['local-shell-cmd', { parameters: localRunner }],
  ['noop', { parameters: {} }],
]);

function setup(rules: ReturnType<typeof rule>[], actions: ActionModel[], predicate?: Parameters<typeof ruleSet>[2]) {
  const store = memoryStore();
  const { set, entry } = ruleSet(rules, actions, predicate);
  const engine = createEngine({ ruleSet: () => set, store, runnerSchemas, concurrency: 2 });
  const submit = (id: string, payload: unknown) =>
    engine.submit({ id, trigger: entry, payload, traceTag: `tag-${id}`, occurrenceTime: new Date().toISOString() });
  return { store, engine, submit };
}

test('a matching rule runs core.local: enforcement, execution with stdout, context and status history', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-engine-'));
  try {
    const out = join(dir, 'out.txt');
    const r = rule('sample', 'core.local', { cmd: `echo {{ trigger.body.key1 | shell_quote }} > ${out}; echo done` });
    const { store, engine, submit } = setup([r], [coreLocal]);
    submit('ti1', { headers: {}, body: { key1: 'value1' } });
    await engine.idle();
    assert.equal(await readFile(out, 'utf8'), 'value1\n');
    const [enf] = store.enforcements.list();
    assert.equal(enf?.status, 'succeeded');
    assert.equal(enf?.trigger_instance_id, 'ti1');
    assert.deepEqual(enf?.rule, { ref: 'test.sample', id: 'rule:test:sample', uid: 'rule:test:sample' });
    const ex = store.executions.get(enf?.execution_id ?? '');
    assert.ok(ex);
    assert.equal(ex.status, 'succeeded');
    assert.deepEqual(ex.result, { failed: false, succeeded: true, return_code: 0, stdout: 'done', stderr: '' });
    assert.deepEqual(
      ex.log.map((l) => l.status),
      ['requested', 'scheduled', 'running', 'succeeded'],
    );
    assert.equal(ex.parameters['timeout'], 60);
    assert.equal(ex.parameters['sudo'], false);
    assert.deepEqual(ex.context['rule'], { id: 'rule:test:sample', name: 'sample' });
    assert.deepEqual(ex.context['trigger_instance'], { id: 'ti1', name: null });
    assert.equal((ex.context['trace_context'] as { trace_tag: string }).trace_tag, 'tag-ti1');
    assert.equal(ex.context['user'], 'stanley');
    assert.match(ex.start_timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.ok(ex.end_timestamp);
    assert.deepEqual(store.statuses.get('ti1'), ['processing', 'processed']);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('non-zero exit and timeout end in failed and timeout executions', async () => {
  const { store, engine, submit } = setup(
    [
      rule('fails', 'core.local', { cmd: 'echo bad >&2; exit 2' }),
      rule('slow', 'core.local', { cmd: 'sleep 20', timeout: 1 }),
    ],
    [coreLocal],
  );
  submit('ti1', { body: {} });
  await engine.idle();
  const byRule = new Map(store.executions.list().map((e) => [e.rule?.ref, e]));
  assert.equal(byRule.get('test.fails')?.status, 'failed');
  assert.equal(byRule.get('test.fails')?.result['return_code'], 2);
  assert.equal(byRule.get('test.fails')?.result['stderr'], 'bad');
  assert.equal(byRule.get('test.slow')?.status, 'timeout');
  assert.equal(byRule.get('test.slow')?.result['return_code'], -9);
  // Both enforcements succeeded: the action ran, its outcome is the execution's business.
  assert.deepEqual(
    store.enforcements.list().map((e) => e.status),
    ['succeeded', 'succeeded'],
  );
});

test('render error: failed execution with the error and a failed enforcement with the same message', async () => {
  const { store, engine, submit } = setup(
    [rule('r', 'core.local', { cmd: 'echo {{ trigger.body.nope }}' })],
    [coreLocal],
  );
  submit('ti1', { body: {} });
  await engine.idle();
  const [enf] = store.enforcements.list();
  assert.equal(enf?.status, 'failed');
  assert.equal(enf?.failure_reason, `Failed to render parameter "cmd": 'dict object' has no attribute 'nope'`);
  const [ex] = store.executions.list();
  assert.equal(ex?.status, 'failed');
  assert.equal(ex?.result['error'], enf?.failure_reason);
  assert.equal(enf?.execution_id, ex?.id);
});

test('cast error: failed enforcement, no execution', async () => {
  const { store, engine, submit } = setup(
    [rule('r', 'core.local', { cmd: 'true', timeout: '{{ trigger.body.t }}' })],
    [coreLocal],
  );
  submit('ti1', { body: { t: 'abc' } });
  await engine.idle();
  const [enf] = store.enforcements.list();
  assert.equal(enf?.status, 'failed');
  assert.equal(enf?.failure_reason, "invalid literal for int() with base 10: 'abc'");
  assert.equal(enf?.execution_id, undefined);
  assert.deepEqual(store.executions.list(), []);
});

test('unknown action: failed enforcement, no execution', async () => {
  const { store, engine, submit } = setup([rule('r', 'nope.missing', {})], [coreLocal]);
  submit('ti1', { body: {} });
  await engine.idle();
  assert.deepEqual(
    store.enforcements.list().map((e) => [e.status, e.failure_reason]),
    [['failed', 'Action "nope.missing" doesn\'t exist']],
  );
  assert.deepEqual(store.executions.list(), []);
});

test('immutable override and missing required parameter: failed enforcement, no execution', async () => {
  const { store, engine, submit } = setup(
    [rule('imm', 'core.local', { cmd: 'true', sudo: true }), rule('req', 'core.local', {})],
    [coreLocal],
  );
  submit('ti1', { body: {} });
  await engine.idle();
  const reasons = new Map(store.enforcements.list().map((e) => [e.rule.ref, e.failure_reason]));
  assert.equal(reasons.get('test.imm'), "Override of immutable parameter(s) ['sudo'] is unsupported.");
  assert.equal(reasons.get('test.req'), "'cmd' is a required property");
  assert.deepEqual(store.executions.list(), []);
});

test('criteria failures become failed enforcements; non-matching rules leave no record', async () => {
  const { store, engine, submit } = setup(
    [rule('bad', 'core.noop', {}), rule('no', 'core.noop', {}), rule('yes', 'core.noop', {})],
    [coreNoop],
    (r) => (r.name === 'bad' ? new Error('boom') : r.name === 'yes'),
  );
  submit('ti9', { body: {} });
  await engine.idle();
  const records = store.enforcements.list().map((e) => [e.rule.ref, e.status]);
  assert.deepEqual(records.sort(), [
    ['test.bad', 'failed'],
    ['test.yes', 'succeeded'],
  ]);
  assert.match(
    store.enforcements.list({ rule: 'test.bad' })[0]?.failure_reason ?? '',
    /^Failed to match rule "test.bad" against trigger instance "ti9": boom/,
  );
  assert.deepEqual(
    store.executions.list().map((e) => [e.action.ref, e.status]),
    [['core.noop', 'succeeded']],
  );
});

test('secret parameters are masked in the record but reach the runner', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-engine-'));
  try {
    await mkdir(join(dir, 'actions'));
    const script = join(dir, 'actions', 'echo.sh');
    await writeFile(script, '#!/bin/bash\necho "$@"\n');
    await chmod(script, 0o755);
    const secretAction = action(
      'p.echo',
      'local-shell-script',
      { token: { type: 'string', secret: true }, who: { type: 'string', position: 0 } },
      { entryPoint: 'echo.sh', packDir: dir },
    );
    const { store, engine, submit } = setup(
      [rule('s', 'p.echo', { token: 's3cret', who: '{{ trigger.body.who }}' })],
      [secretAction],
    );
    submit('ti1', { body: { who: 'me' } });
    await engine.idle();
    const [ex] = store.executions.list();
    assert.equal(ex?.status, 'succeeded');
    assert.deepEqual(ex?.parameters, { token: '********', who: 'me' });
    assert.equal(ex?.result['stdout'], '--token=s3cret me');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('close() cancels running executions', async () => {
  const { store, engine, submit } = setup([rule('slow', 'core.local', { cmd: 'sleep 30' })], [coreLocal]);
  submit('ti1', { body: {} });
  const started = Date.now();
  while (store.executions.list()[0]?.status !== 'running') {
    assert.ok(Date.now() - started < 5000, 'execution never started');
    await new Promise((r) => setTimeout(r, 10));
  }
  await engine.close();
  assert.equal(store.executions.list()[0]?.status, 'canceled');
});

test('the concurrency limit queues runs beyond it', async () => {
  const { store, engine, submit } = setup(
    [
      rule('a', 'core.local', { cmd: 'sleep 1' }),
      rule('b', 'core.local', { cmd: 'sleep 1' }),
      rule('c', 'core.local', { cmd: 'sleep 1' }),
    ],
    [coreLocal],
  );
  submit('ti1', { body: {} });
  const started = Date.now();
  while (store.executions.list().length < 3) {
    assert.ok(Date.now() - started < 5000);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(engine.limiter.active, 2);
  assert.equal(engine.limiter.queued, 1);
  assert.deepEqual(
    store.executions
      .list()
      .map((e) => e.status)
      .sort(),
    ['running', 'running', 'scheduled'],
  );
  await engine.idle();
  assert.deepEqual(
    store.executions.list().map((e) => e.status),
    ['succeeded', 'succeeded', 'succeeded'],
  );
});

test('a runner without side effects (noop) starts without waiting for durable(); one with side effects waits for it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-engine-'));
  try {
    const out = join(dir, 'ran.txt');
    const store = memoryStore();
    const { set, entry } = ruleSet(
      [rule('quiet', 'core.noop', {}), rule('loud', 'core.local', { cmd: `echo ran > ${out}` })],
      [coreNoop, coreLocal],
    );
    // A store whose commits never become durable (a disk that hangs).
    let durableCalls = 0;
    const hanging = { ...store, durable: () => ((durableCalls += 1), new Promise<void>(() => {})) };
    const engine = createEngine({ ruleSet: () => set, store: hanging, runnerSchemas, concurrency: 2 });
    engine.submit({
      id: 'ti1',
      trigger: entry,
      payload: { body: {} },
      traceTag: 't',
      occurrenceTime: new Date().toISOString(),
    });
    for (let i = 0; i < 200 && store.executions.list().every((e) => e.status !== 'succeeded'); i++)
      await new Promise((r) => setTimeout(r, 5));
    const byRule = new Map(store.executions.list().map((e) => [e.rule?.ref, e]));
    assert.equal(byRule.get('test.quiet')?.status, 'succeeded', 'noop ran although nothing was durable');
    assert.deepEqual(
      byRule.get('test.quiet')?.log.map((l) => l.status),
      ['requested', 'scheduled', 'running', 'succeeded'],
    );
    assert.equal(byRule.get('test.loud')?.status, 'scheduled', 'the shell command waits for its records to be durable');
    assert.ok(durableCalls >= 1);
    await assert.rejects(readFile(out, 'utf8'), /ENOENT/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test("a re-run sees the pack's config as an execution does: st2kv values rendered now, schema defaults filled", async () => {
  const pack = {
    ref: 'test',
    name: 'test',
    version: '0.1.0',
    description: 'd',
    dir: '/packs/test',
    root: '/packs',
    file: '/packs/test/pack.yaml',
    config: { region: '{{ st2kv.system.region }}' },
    configSchema: { region: { type: 'string' }, greeting: { type: 'string', default: 'hi' } },
  };
  const say = action('test.say', 'local-shell-cmd', {
    cmd: { type: 'string', immutable: true, default: 'echo {{ config_context.greeting }} {{ config_context.region }}' },
  });
  const r = rule('sample', 'test.say', {});
  const store = memoryStore();
  const { set, entry } = ruleSet([r], [say], () => true, [pack]);
  let region = 'eu';
  const datastore = () => ({ system: { region }, user: {} });
  const engine = createEngine({ ruleSet: () => set, store, runnerSchemas, concurrency: 2, datastore });
  engine.submit({ id: 'ti1', trigger: entry, payload: {}, traceTag: 't', occurrenceTime: new Date().toISOString() });
  await engine.idle();
  const [first] = store.executions.list();
  assert.equal(first?.result['stdout'], 'hi eu');
  region = 'us';
  const outcome = await engine.reRun(first, {});
  assert.ok('execution' in outcome, JSON.stringify(outcome));
  await engine.idle();
  assert.equal(store.executions.get(outcome.execution.id)?.result['stdout'], 'hi us');
});
