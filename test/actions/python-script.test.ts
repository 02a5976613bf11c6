// The python-script runner against the pyfix test pack (test/fixtures/python-packs): real Python processes, the
// pack compiled as `rules compile` does, its config resolved as the engine does, and a real SQLite store behind
// self.action_service.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePacks } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import type { RuleSet } from '../../src/model/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { pythonScript } from '../../src/actions/index.ts';
import type { ActionServices, RunOutcome } from '../../src/actions/index.ts';
import { resolvePackConfig } from '../../src/enforce/config.ts';
import { PYTHON, requirePython, skipWithoutPython } from './_python.ts';

const packs = fileURLToPath(new URL('../fixtures/python-packs/', import.meta.url));
let dir: string;
let store: Store;
let ruleSet: RuleSet;
const issued: string[] = [];
let services: ActionServices;

before(async () => {
  if (skipWithoutPython) return;
  requirePython();
  dir = await mkdtemp(join(tmpdir(), 'rules-python-'));
  store = openStore(join(dir, 'rules.db'), { writer: 'inline' });
  const output = await compilePacks({ roots: [packs] });
  assert.deepEqual(
    output.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`),
    [],
  );
  ruleSet = buildRuleSet(output, 1);
  services = {
    datastore: store.kv,
    python: PYTHON,
    apiUrl: () => 'http://127.0.0.1:1/v1',
    issueToken: async (user, ttlSeconds) => {
      const record = await store.tokens.create({ user, ttlSeconds });
      issued.push(record.token);
      return { token: record.token, revoke: async () => void (await store.tokens.delete(record.token)) };
    },
  };
});

after(async () => {
  if (skipWithoutPython) return;
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(
  name: string,
  parameters: Record<string, unknown>,
  logs: Array<[Record<string, unknown>, string]> = [],
): Promise<RunOutcome> {
  const action = ruleSet.actions.get(`pyfix.${name}`);
  assert.ok(action, `pyfix.${name} is compiled`);
  const resolved = resolvePackConfig(ruleSet.packs.get('pyfix'), await store.kv.snapshot());
  assert.ok(resolved.ok);
  return pythonScript.run({
    action,
    parameters,
    context: { user: 'stanley' },
    executionId: '5f0000000000000000000001',
    maxOutputBytes: 1024 * 1024,
    config: resolved.config,
    services,
    log: (fields, message) => logs.push([fields, message]),
  });
}

const result = (outcome: RunOutcome): Record<string, unknown> => outcome.result['result'] as Record<string, unknown>;

test(
  "every action_service call is served by the store, under StackStorm's <pack>.<Class>: prefix",
  { skip: skipWithoutPython },
  async () => {
    const outcome = await run('datastore', { name: 'k1', value: 'v1' });
    assert.equal(outcome.status, 'succeeded', String(outcome.result['stderr']));
    const r = result(outcome);
    assert.equal(r['set_local'], true);
    assert.equal(r['get_local'], 'v1');
    assert.equal(r['get_global_of_local_name'], null, 'the local key is not the global one');
    assert.equal(r['get_global'], 'v1-global');
    assert.equal(r['get_secret_masked'], '********');
    assert.equal(r['get_secret_decrypted'], 'hidden');
    assert.deepEqual(r['list_local'], [
      ['pyfix.DatastoreAction:k1', 'v1', false],
      ['pyfix.DatastoreAction:secret_k1', '********', true],
      ['pyfix.DatastoreAction:ttl_k1', 'soon gone', false],
    ]);
    assert.deepEqual(r['list_local_prefix'], ['pyfix.DatastoreAction:ttl_k1']);
    assert.deepEqual(r['list_global_prefix'], ['global_k1']);
    assert.equal(r['ttl_has_expiry'], true);
    assert.equal(r['user_scope'], 'Scope user is unsupported.');
    assert.equal(r['delete_local'], true);
    assert.equal(r['delete_missing'], false);
    assert.equal(r['get_deleted'], null);
    assert.equal(r['user_info'], 'stanley');
    // What the action wrote is in the store, as `rules key list` shows it.
    assert.equal((await store.kv.get('global_k1'))?.value, 'v1-global');
    const secret = await store.kv.get('pyfix.DatastoreAction:secret_k1');
    assert.equal(secret?.secret, true);
    assert.equal(secret?.value, 'hidden');
    const ttl = await store.kv.get('pyfix.DatastoreAction:ttl_k1');
    assert.ok(ttl?.expire_timestamp && Date.parse(ttl.expire_timestamp) > Date.now() + 3000 * 1000);
    assert.equal(await store.kv.get('pyfix.DatastoreAction:k1'), undefined);
  },
);

test(
  'results as StackStorm records them: plain values, (bool, value) tuples, exceptions, bad statuses',
  { skip: skipWithoutPython },
  async () => {
    const plain = await run('outcome', { mode: 'plain' });
    assert.equal(plain.status, 'succeeded');
    assert.deepEqual(plain.result, {
      exit_code: 0,
      result: { answer: 42, items: [1, 2] },
      stdout: 'stdout line from plain\n',
      stderr: 'stderr line from plain\n',
    });
    const ok = await run('outcome', { mode: 'ok_tuple' });
    assert.equal(ok.status, 'succeeded');
    assert.deepEqual(ok.result['result'], ['done']);
    const failed = await run('outcome', { mode: 'fail_tuple' });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.result['exit_code'], 0);
    assert.deepEqual(failed.result['result'], { reason: 'not today' });
    const raised = await run('outcome', { mode: 'raise' });
    assert.equal(raised.status, 'failed');
    assert.equal(raised.result['exit_code'], 1);
    assert.equal(raised.result['result'], 'None');
    assert.match(
      String(raised.result['stderr']),
      /Traceback \(most recent call last\):[\s\S]*outcome\.py[\s\S]*RuntimeError: the action broke/,
    );
    const bad = await run('outcome', { mode: 'bad_status' });
    assert.equal(bad.status, 'failed');
    assert.equal(bad.result['exit_code'], 220);
    assert.match(String(bad.result['error']), /must either be True or False, got: yes/);
    const object = await run('outcome', { mode: 'object' });
    assert.equal(object.status, 'succeeded');
    assert.match(String(object.result['result']), /^<object object at 0x[0-9a-f]+>$/);
    const exited = await run('outcome', { mode: 'exit' });
    assert.equal(exited.status, 'failed');
    assert.equal(exited.result['exit_code'], 3);
  },
);

test(
  'timeout kills the process: status timeout, exit code -9, what it printed so far kept',
  { skip: skipWithoutPython },
  async () => {
    const started = Date.now();
    const outcome = await run('sleep', { seconds: 120, timeout: 1 });
    assert.equal(outcome.status, 'timeout');
    assert.equal(outcome.result['exit_code'], -9);
    assert.equal(outcome.result['error'], 'Action failed to complete in 1 seconds');
    assert.equal(outcome.result['stdout'], 'going to sleep\n');
    assert.ok(Date.now() - started < 100_000, 'killed long before the sleep ends');
  },
);

test(
  'environment: ST2_ACTION_* with a short-lived token, the env parameter without PYTHONPATH, log_level',
  { skip: skipWithoutPython },
  async () => {
    process.env['RULES_TEST_SECRET_OF_THE_RUNTIME'] = 'must not leak';
    const logs: Array<[Record<string, unknown>, string]> = [];
    try {
      const outcome = await run('environment', { env: { MY_SETTING: 'on', PYTHONPATH: '/elsewhere' } }, logs);
      assert.equal(outcome.status, 'succeeded', String(outcome.result['stderr']));
      const r = result(outcome);
      assert.equal(r['ST2_ACTION_PACK_NAME'], 'pyfix');
      assert.equal(r['ST2_ACTION_EXECUTION_ID'], '5f0000000000000000000001');
      assert.equal(r['ST2_ACTION_API_URL'], 'http://127.0.0.1:1/v1');
      assert.equal(r['MY_SETTING'], 'on');
      assert.doesNotMatch(String(r['PYTHONPATH']), /elsewhere/);
      assert.equal(r['has_token'], true);
      assert.deepEqual(r['leaked'], []);
      assert.equal(r['executable'], PYTHON);
      // The default log level (DEBUG) lets both lines through.
      assert.match(String(outcome.result['stderr']), /DEBUG +debug line[\s\S]*INFO +info line/);
    } finally {
      delete process.env['RULES_TEST_SECRET_OF_THE_RUNTIME'];
    }
    const token = issued.at(-1);
    assert.ok(token);
    assert.equal(await store.tokens.get(token), undefined, 'the token is revoked when the run ends');
    assert.equal(logs[0]?.[0]['interpreter'], PYTHON, 'the interpreter is said in the execution log');
    assert.match(logs[0]?.[1] ?? '', /no virtualenv/);
    const quiet = await run('environment', { log_level: 'INFO' });
    assert.doesNotMatch(String(quiet.result['stderr']), /debug line/);
    assert.match(String(quiet.result['stderr']), /info line/);
  },
);

test(
  'self.config: the pack config with schema defaults, secrets in the clear, st2kv values rendered',
  { skip: skipWithoutPython },
  async () => {
    await store.kv.set({ name: 'pyfix_region', value: 'eu-west-1' });
    const outcome = await run('config', {});
    assert.equal(outcome.status, 'succeeded', String(outcome.result['stderr']));
    assert.deepEqual(result(outcome), {
      config: {
        api_token: 's3cr3t-token',
        api_url: 'https://api.example.test',
        retries: 3,
        from_kv: 'eu-west-1',
        nested: { user: 'alice', port: 8080 },
      },
      api_url: 'https://api.example.test',
    });
    const missing = await run('config', { missing: true });
    assert.equal(missing.status, 'failed');
    assert.match(String(missing.result['stderr']), /Config for pack "pyfix" is missing key "no_such_key"/);
  },
);

test(
  'imports: actions/lib as a package and on the path, the pack lib/, st2common utilities',
  { skip: skipWithoutPython },
  async () => {
    const outcome = await run('imports', { text: "it's" });
    assert.equal(outcome.status, 'succeeded', String(outcome.result['stderr']));
    assert.deepEqual(result(outcome), {
      package: "IT'S!",
      path: "IT'S!",
      common: "hello from the pack's lib",
      quoted: `'it'"'"'s'`,
      status: 'succeeded',
    });
  },
);

test(
  'an entry point outside the pack or a missing interpreter fails the execution with the reason',
  { skip: skipWithoutPython },
  async () => {
    const action = ruleSet.actions.get('pyfix.outcome');
    assert.ok(action);
    const base = { parameters: { mode: 'plain' }, context: {}, executionId: 'e', maxOutputBytes: 1024, services };
    const outside = await pythonScript.run({ ...base, action: { ...action, entryPoint: '../../../etc/passwd.py' } });
    assert.equal(outside.status, 'failed');
    assert.match(String(outside.result['error']), /outside its pack/);
    const noPython = await pythonScript.run({
      ...base,
      action,
      services: { ...services, python: join(dir, 'no-such-python') },
    });
    assert.equal(noPython.status, 'failed');
    assert.match(String(noPython.result['error']), /cannot start the Python interpreter .*no-such-python/);
    // A file that defines no Action subclass: StackStorm's message, with the traceback, in stderr.
    const noClass = await pythonScript.run({ ...base, action: { ...action, entryPoint: 'lib/helpers.py' } });
    assert.equal(noClass.status, 'failed');
    assert.match(
      String(noClass.result['stderr']),
      /File ".*lib\/helpers\.py" has no action class or the file doesn't exist\./,
    );
  },
);
