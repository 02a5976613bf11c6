// Issue 8: an execution a stopped process left in flight is abandoned; when its action is tagged
// `retry_on_abandon`, recovery has the engine run that rule's action again for the same trigger instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import type { Store, ExecutionRecord } from '../../src/store/index.ts';
import { createEngine, recoverOnStart, ABANDON_REASON, MAX_ABANDON_RETRIES } from '../../src/enforce/index.ts';
import type { Engine } from '../../src/enforce/index.ts';
import type { ParameterSpec, RuleSet } from '../../src/model/index.ts';
import { action, rule } from './helpers.ts';
import { ruleSet } from './ruleset.ts';

const localRunner: Record<string, ParameterSpec> = {
  cmd: { type: 'string', required: true },
  timeout: { type: 'integer', default: 60 },
};
const scriptRunner: Record<string, ParameterSpec> = { timeout: { type: 'integer', default: 60 } };
const runnerSchemas = new Map([
  ['local-shell-cmd', { parameters: localRunner }],
  ['local-shell-script', { parameters: scriptRunner }],
]);

function engineOn(store: Store, set: RuleSet): Engine {
  return createEngine({
    ruleSet: () => set,
    store: {
      executions: store.executions,
      enforcements: store.enforcements,
      setTriggerInstanceStatus: (id, status) => store.triggerInstances.setStatus(id, status),
      durable: () => store.durable(),
    },
    runnerSchemas,
    concurrency: 4,
  });
}

const RAN = { status: 'running' as const, timestamp: '2026-01-01T00:00:00.000000Z' };

/** A `running` execution of rule test.r's tagged p.noop, as a stopped process leaves it. */
function inFlightNoop(
  id: string,
  instanceId: string,
  entry: { ref: string; type: string },
  context: Record<string, unknown>,
  log: ExecutionRecord['log'],
): ExecutionRecord {
  return {
    id,
    action: { ref: 'p.noop', name: 'noop', pack: 'p', runner_type: 'noop' },
    runner: { name: 'noop' },
    rule: { ref: 'test.r', id: 'rule:test:r', name: 'r', pack: 'test' },
    trigger_instance: { id: instanceId },
    trigger: { ref: entry.ref, type: entry.type },
    parameters: {},
    status: 'running',
    start_timestamp: '2026-01-01T00:00:00.000000Z',
    result: {},
    context,
    log,
  };
}

async function until<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test(
  'recovery re-runs a retry_on_abandon action once, with secrets re-rendered; an untagged one is only abandoned',
  { timeout: 60_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-retry-'));
    const path = join(dir, 'store.db');
    const out = join(dir, 'out.txt');
    try {
      // The tagged action appends its arguments; its first run then hangs, as if the process died mid-run.
      await mkdir(join(dir, 'actions'));
      const script = join(dir, 'actions', 'append.sh');
      await writeFile(script, `#!/bin/bash\necho "$@" >> '${out}'\n[ "$(wc -l < '${out}')" -ge 2 ] || sleep 30\n`);
      await chmod(script, 0o755);
      const append = action(
        'p.append',
        'local-shell-script',
        { token: { type: 'string', secret: true }, n: { type: 'integer', position: 0 } },
        { entryPoint: 'append.sh', packDir: dir, retryOnAbandon: true },
      );
      const slow = action('p.slow', 'local-shell-cmd', { cmd: { type: 'string', required: true } });
      const { set, entry } = ruleSet(
        [
          rule('append', 'p.append', { token: '{{ trigger.body.token }}', n: '{{ trigger.body.n }}' }),
          rule('slow', 'p.slow', { cmd: 'sleep 30' }),
        ],
        [append, slow],
      );
      const payload = { body: { n: 7, token: 's3cret' } };
      const instanceId = 'a'.repeat(24);

      // The first process: the instance is accepted and enforced, both actions run; then it "dies": the store is
      // closed under the running actions, so their records stay `running`.
      const first = openStore(path);
      await first.commit([
        {
          id: instanceId,
          trigger: entry.ref,
          payload,
          occurrence_time: '2026-01-01T00:00:00.000000Z',
          status: 'pending',
          trace_tag: 't',
        },
      ]);
      const firstEngine = engineOn(first, set);
      firstEngine.submit({
        id: instanceId,
        trigger: entry,
        payload,
        traceTag: 't',
        occurrenceTime: '2026-01-01T00:00:00.000000Z',
      });
      const running = await until('both runs', async () => {
        const list = await first.executions.list({});
        return list.length === 2 && list.every((e) => e.status === 'running') ? list : undefined;
      });
      await until('the first line', async () =>
        (await readFile(out, 'utf8').catch(() => '')) === '--token=s3cret 7\n' ? true : undefined,
      );
      await first.close();
      await firstEngine.close();
      const oldAppend = running.find((e) => e.action.ref === 'p.append')!;
      const oldSlow = running.find((e) => e.action.ref === 'p.slow')!;

      const store = openStore(path);
      const engine = engineOn(store, set);
      try {
        assert.equal((await store.executions.get(oldAppend.id))?.status, 'running', 'the crash left it in flight');
        const report = await recoverOnStart({ store, processor: engine, ruleSet: () => set, retry: engine.retry });
        assert.deepEqual(report, { resubmitted: 0, alreadyEnforced: 0, abandoned: 2, retried: 1 });
        await engine.idle();

        const all = await store.executions.list({});
        const retries = all.filter((e) => e.context['retry_of'] !== undefined);
        assert.equal(retries.length, 1, 'exactly one new execution');
        const retry = retries[0]!;
        assert.equal(retry.context['retry_of'], oldAppend.id);
        assert.equal(retry.action.ref, 'p.append');
        assert.equal(retry.rule?.ref, 'test.append');
        assert.equal(retry.trigger_instance?.id, instanceId);
        assert.equal(retry.status, 'succeeded');
        // Rendered afresh from the payload: the runner got the secret, the record keeps it masked.
        assert.deepEqual(retry.parameters, { token: '********', n: 7, timeout: 60 });
        assert.deepEqual(retry.parameters, oldAppend.parameters);
        // The interrupted run's line, then the retry's: one run more, not two.
        assert.equal(await readFile(out, 'utf8'), '--token=s3cret 7\n--token=s3cret 7\n');
        // The same trace as the run it replaces.
        assert.deepEqual(
          (retry.context['trace_context'] as { id_: string }).id_,
          (oldAppend.context['trace_context'] as { id_: string }).id_,
        );

        const abandonedAppend = (await store.executions.get(oldAppend.id)) as ExecutionRecord;
        assert.equal(abandonedAppend.status, 'abandoned');
        assert.equal(
          abandonedAppend.result['error'],
          `${ABANDON_REASON} Retried as execution ${retry.id} (its action is tagged retry_on_abandon).`,
        );
        const abandonedSlow = (await store.executions.get(oldSlow.id)) as ExecutionRecord;
        assert.equal(abandonedSlow.status, 'abandoned');
        assert.equal(abandonedSlow.result['error'], ABANDON_REASON);
        // No second enforcement: the one of the first run still names the original execution.
        const enforcements = await store.enforcements.list({ trigger_instance: instanceId });
        assert.equal(enforcements.length, 2);
        assert.ok(enforcements.some((e) => e.execution_id === oldAppend.id));

        // A second start finds nothing in flight: the retry is not run again.
        assert.equal(
          (await recoverOnStart({ store, processor: engine, ruleSet: () => set, retry: engine.retry })).retried,
          0,
        );
        await engine.idle();
        assert.equal((await store.executions.list({})).length, 3);
      } finally {
        await engine.close();
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test('without the engine (RULES_ENGINE=off) or when the rule changed, a tagged execution is only abandoned, saying why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-retry-'));
  const path = join(dir, 'store.db');
  try {
    const noop = action('p.noop', 'noop', {}, { retryOnAbandon: true });
    const { set, entry } = ruleSet([rule('r', 'p.noop', {})], [noop]);
    const instanceId = 'b'.repeat(24);
    const record = (id: string): ExecutionRecord => inFlightNoop(id, instanceId, entry, {}, [RAN]);
    const before = openStore(path);
    await before.commit([
      {
        id: instanceId,
        trigger: entry.ref,
        payload: { body: {} },
        occurrence_time: '2026-01-01T00:00:00.000000Z',
        status: 'processed',
        trace_tag: 't',
      },
    ]);
    before.executions.insert(record('1'.repeat(24)));
    before.executions.insert(record('2'.repeat(24)));
    await before.close();

    const store = openStore(path);
    let current = set;
    const noRunner = createEngine({
      ruleSet: () => current,
      store: { executions: store.executions, enforcements: store.enforcements, durable: () => store.durable() },
      runnerSchemas: new Map([['noop', { parameters: {} }]]),
    });
    try {
      // No retry given: as before the tag existed.
      const claimedOne = await recoverOnStart(
        { store, processor: { submit: () => undefined }, ruleSet: () => set },
        { limit: 1 },
      );
      assert.deepEqual(claimedOne, { resubmitted: 0, alreadyEnforced: 0, abandoned: 1, retried: 0 });
      assert.equal((await store.executions.get('1'.repeat(24)))?.result['error'], ABANDON_REASON);
      // The rule now runs another action: running that one would not be a retry.
      current = ruleSet([rule('r', 'p.other', {})], [noop]).set;
      const report = await recoverOnStart({
        store,
        processor: noRunner,
        ruleSet: () => current,
        retry: noRunner.retry,
      });
      assert.deepEqual(report, { resubmitted: 0, alreadyEnforced: 0, abandoned: 1, retried: 0 });
      assert.equal(
        (await store.executions.get('2'.repeat(24)))?.result['error'],
        `${ABANDON_REASON} Not retried: rule "test.r" now runs "p.other".`,
      );
      assert.equal((await store.executions.list({})).length, 2);
    } finally {
      await noRunner.close();
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('interrupted runs are retried at most MAX_ABANDON_RETRIES times along a chain (an action that takes the process down must not loop)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-retry-'));
  const path = join(dir, 'store.db');
  try {
    const noop = action('p.noop', 'noop', {}, { retryOnAbandon: true });
    const { set, entry } = ruleSet([rule('r', 'p.noop', {})], [noop]);
    const instanceId = 'c'.repeat(24);
    const interrupted = (id: string, context: Record<string, unknown>, log: ExecutionRecord['log']): ExecutionRecord =>
      inFlightNoop(id, instanceId, entry, context, log);
    const before = openStore(path);
    await before.commit([
      {
        id: instanceId,
        trigger: entry.ref,
        payload: { body: {} },
        occurrence_time: '2026-01-01T00:00:00.000000Z',
        status: 'processed',
        trace_tag: 't',
      },
    ]);
    // Third retry interrupted again: a fourth would exceed the cap.
    before.executions.insert(interrupted('3'.repeat(24), { retry_of: 'x', retry_count: MAX_ABANDON_RETRIES }, [RAN]));
    // Second retry interrupted: one more is allowed, and it carries the count on.
    before.executions.insert(
      interrupted('2'.repeat(24), { retry_of: 'y', retry_count: MAX_ABANDON_RETRIES - 1 }, [RAN]),
    );
    // At the cap but never started: running it now is its first run, not a retry.
    before.executions.insert(
      interrupted('1'.repeat(24), { retry_of: 'z', retry_count: MAX_ABANDON_RETRIES }, [
        { status: 'scheduled', timestamp: '2026-01-01T00:00:00.000000Z' },
      ]),
    );
    await before.close();

    const store = openStore(path);
    const engine = createEngine({
      ruleSet: () => set,
      store: { executions: store.executions, enforcements: store.enforcements, durable: () => store.durable() },
      runnerSchemas: new Map([['noop', { parameters: {} }]]),
    });
    try {
      const report = await recoverOnStart({ store, processor: engine, ruleSet: () => set, retry: engine.retry });
      assert.deepEqual(report, { resubmitted: 0, alreadyEnforced: 0, abandoned: 3, retried: 2 });
      await engine.idle();
      assert.equal(
        (await store.executions.get('3'.repeat(24)))?.result['error'],
        `${ABANDON_REASON} Not retried: interrupted ${MAX_ABANDON_RETRIES + 1} times; retry_on_abandon runs an action again at most ${MAX_ABANDON_RETRIES} times.`,
      );
      const retries = (await store.executions.list({})).filter((e) => e.status === 'succeeded');
      const byOrigin = new Map(retries.map((e) => [e.context['retry_of'], e.context['retry_count']]));
      assert.deepEqual(
        byOrigin,
        new Map([
          ['2'.repeat(24), MAX_ABANDON_RETRIES],
          ['1'.repeat(24), MAX_ABANDON_RETRIES],
        ]),
      );
    } finally {
      await engine.close();
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
