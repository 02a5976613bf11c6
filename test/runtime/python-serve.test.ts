// Python actions end to end through a real `rules serve` process and real HTTP: the actions of StackStorm's own
// packs (../shared/real-packs: examples, and core's uuid and pause copied into a pack of ours since the built-in
// core pack does not carry them) that need only the standard library, and our pyfix pack, each fired by a webhook.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON, requirePython, skipWithoutPython } from '../actions/_python.ts';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
// shared/ sits beside the repository (CI's clone, /work/main) or two levels up (a worktree under /work/wt/).
const realPacks = [
  process.env['RULES_REAL_PACKS'],
  fileURLToPath(new URL('../../../shared/real-packs/', import.meta.url)),
  fileURLToPath(new URL('../../../../shared/real-packs/', import.meta.url)),
].find((d): d is string => d !== undefined && existsSync(join(d, 'examples', 'pack.yaml')));
const skipWithoutRealPacks: string | false =
  skipWithoutPython ||
  (realPacks || process.env['CI'] === 'true' ? false : 'shared/real-packs is not beside the repository');
const ourPacks = fileURLToPath(new URL('../fixtures/python-packs/', import.meta.url));

/** Webhook url -> the action it runs and its parameters (templates over the body). */
const CASES: Record<string, { action: string; parameters: Record<string, unknown> }> = {
  isprime: { action: 'examples.isprime', parameters: { value: '{{ trigger.body.value }}' } },
  object_return: { action: 'examples.object_return', parameters: {} },
  json_string: { action: 'examples.json_string_to_object', parameters: { json_str: '{{ trigger.body.text }}' } },
  forloop: {
    action: 'examples.forloop_increase_index_and_check_condition',
    parameters: { index: '{{ trigger.body.index }}', pagesize: '{{ trigger.body.pagesize }}', input: [1, 2] },
  },
  version: { action: 'examples.python_runner_print_python_version', parameters: {} },
  print_config: { action: 'examples.print_config', parameters: {} },
  mock_remote: {
    action: 'examples.python-mock-core-remote',
    // hosts_dict has no default and run() takes it without one: StackStorm passes only given parameters too.
    parameters: { cmd: 'uptime', hosts: 'a.example,b.example', hosts_dict: null },
  },
  streams: { action: 'examples.python_runner_print_to_stdout_and_stderr', parameters: { count: 4, sleep_delay: 0.01 } },
  uuid: { action: 'realcore.uuid', parameters: {} },
  pause: { action: 'realcore.pause', parameters: { max_pause: 1 } },
  datastore: { action: 'pyfix.datastore', parameters: { name: 'from_hook', value: '{{ trigger.body.value }}' } },
  environment: { action: 'pyfix.environment', parameters: { call_api: true } },
  config: { action: 'pyfix.config', parameters: {} },
  outcome: { action: 'pyfix.outcome', parameters: { mode: '{{ trigger.body.mode }}' } },
};

let dir: string;
let server: ChildProcess | undefined;
let base = '';
let key = '';
let stdout = '';

before(async () => {
  if (skipWithoutPython) return;
  requirePython();
  dir = await mkdtemp(join(tmpdir(), 'rules-python-serve-'));
  const root = join(dir, 'packs');
  await mkdir(join(root, 'hooks', 'rules'), { recursive: true });
  await writeFile(
    join(root, 'hooks', 'pack.yaml'),
    'ref: hooks\nname: hooks\ndescription: tests\nversion: 0.1.0\nauthor: tests\n',
  );
  for (const [url, { action, parameters }] of Object.entries(CASES)) {
    if (!realPacks && !action.startsWith('pyfix.')) continue;
    await writeFile(
      join(root, 'hooks', 'rules', `${url}.yaml`),
      JSON.stringify({
        name: url,
        pack: 'hooks',
        enabled: true,
        trigger: { type: 'core.st2.webhook', parameters: { url } },
        action: { ref: action, parameters },
      }),
    );
  }
  if (process.env['CI'] === 'true' && !realPacks) throw new Error('CI=true but shared/real-packs is not found');
  if (realPacks) {
    await mkdir(join(root, 'realcore', 'actions'), { recursive: true });
    const manifest = 'ref: realcore\nname: realcore\ndescription: tests\nversion: 0.1.0\nauthor: tests\n';
    await writeFile(join(root, 'realcore', 'pack.yaml'), manifest);
    for (const file of ['uuid.yaml', 'generate_uuid.py', 'pause.yaml', 'pause.py'])
      await copyFile(join(realPacks, 'core', 'actions', file), join(root, 'realcore', 'actions', file));
  }
  const roots = [...(realPacks ? [realPacks] : []), ourPacks, root].flatMap((r) => ['--packs', r]);
  server = spawn(
    process.execPath,
    ['--import', 'tsx', main, 'serve', '--port', '0', '--data', join(dir, 'data'), ...roots],
    { env: { ...process.env, RULES_PYTHON: PYTHON, RULES_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  server.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rules serve did not start:\n${stderr}`)), 120_000);
    server?.on('exit', (code) => reject(new Error(`rules serve exited with ${code}:\n${stderr}`)));
    server?.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      const url = /serving \d+ webhook url\(s\) on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      const printed = /store it safely\):\s+(\S+)/.exec(stderr);
      if (url?.[1] && printed?.[1]) {
        base = url[1];
        key = printed[1];
        clearTimeout(timer);
        resolve();
      }
    });
  });
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { ...init, headers: { 'St2-Api-Key': key, ...(init.headers ?? {}) } });
}

type Execution = { id: string; status: string; result: Record<string, unknown>; action: { ref: string } };

/** Fires the webhook and waits for the execution it starts to end (bounded by a count of polls, not a clock). */
async function fire(url: string, body: Record<string, unknown> = {}): Promise<Execution> {
  const before = (await (await api(`/v1/executions?action=${CASES[url]?.action}&limit=100`)).json()) as Execution[];
  const posted = await api(`/v1/webhooks/${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(posted.status, 202);
  for (let poll = 0; poll < 1200; poll++) {
    const list = (await (await api(`/v1/executions?action=${CASES[url]?.action}&limit=100`)).json()) as Execution[];
    const fresh = list.find((e) => !before.some((b) => b.id === e.id));
    if (fresh && !['requested', 'scheduled', 'running'].includes(fresh.status)) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the execution of ${url} did not end`);
}

test("StackStorm's examples actions run as published", { skip: skipWithoutRealPacks }, async () => {
  const prime = await fire('isprime', { value: 7 });
  assert.equal(prime.status, 'succeeded', JSON.stringify(prime.result));
  assert.equal(prime.result['result'], true);
  assert.match(String(prime.result['stderr']), /PYTHONPATH: .*examples\/actions\/lib/);
  const notPrime = await fire('isprime', { value: 8 });
  assert.equal(notPrime.result['result'], false);
  const object = await fire('object_return');
  assert.deepEqual(object.result['result'], { a: 'b', c: { d: 'e', f: 1, g: true } });
  const json = await fire('json_string', { text: '{"x": [1, 2]}' });
  assert.deepEqual(json.result['result'], { x: [1, 2] });
  const loop = await fire('forloop', { index: '4', pagesize: '2' });
  assert.equal(loop.status, 'succeeded');
  assert.equal(loop.result['result'], 5);
  const broken = await fire('forloop', { index: '4', pagesize: '3' });
  assert.equal(broken.status, 'failed', 'a (False, value) tuple fails the execution');
  assert.equal(broken.result['result'], 'Breaking out of the loop');
  const version = await fire('version');
  assert.match(String(version.result['stdout']), new RegExp(`Using Python executable: ${PYTHON}`));
  const config = await fire('print_config');
  assert.match(String(config.result['stdout']), /\{'region': 'us-east-1'\}/, 'config.schema.yaml default');
  const remote = await fire('mock_remote');
  assert.equal(remote.status, 'succeeded', JSON.stringify(remote.result));
  assert.deepEqual(Object.keys(remote.result['result'] as object), ['a.example', 'b.example']);
  const streams = await fire('streams');
  assert.equal(streams.result['stdout'], 'stdout -> Line: 2\nstdout -> Line: 4\n');
  assert.equal(streams.result['stderr'], 'stderr -> Line: 1\nstderr -> Line: 3\n');
});

test("core's uuid and pause run as published", { skip: skipWithoutRealPacks }, async () => {
  const uuid = await fire('uuid');
  assert.equal(uuid.status, 'succeeded');
  assert.match(String(uuid.result['result']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const pause = await fire('pause');
  assert.equal(pause.status, 'succeeded');
  assert.equal(pause.result['result'], 1);
});

test(
  'pyfix through the server: datastore, token against the API, config, failures',
  { skip: skipWithoutPython },
  async () => {
    const datastore = await fire('datastore', { value: 'hooked' });
    assert.equal(datastore.status, 'succeeded', JSON.stringify(datastore.result));
    assert.equal((datastore.result['result'] as Record<string, unknown>)['get_local'], 'hooked');
    const environment = await fire('environment');
    assert.equal(environment.status, 'succeeded', JSON.stringify(environment.result));
    const env = environment.result['result'] as Record<string, unknown>;
    assert.equal(env['ST2_ACTION_API_URL'], `${base}/v1`);
    assert.equal(env['ST2_ACTION_EXECUTION_ID'], environment.id);
    assert.equal(env['api_status'], 200, "the action's short-lived token authenticates against the API");
    const config = await fire('config');
    assert.equal((config.result['result'] as { config: Record<string, unknown> }).config['api_token'], 's3cr3t-token');
    const raised = await fire('outcome', { mode: 'raise' });
    assert.equal(raised.status, 'failed');
    assert.match(String(raised.result['stderr']), /RuntimeError: the action broke/);
    // The API shows the config with the secret masked; the server's log never has the secret.
    const shown = (await (await api('/v1/configs/pyfix')).json()) as { values: Record<string, unknown> };
    assert.equal(shown.values['api_token'], '********');
    assert.equal(shown.values['api_url'], 'https://api.example.test');
    assert.doesNotMatch(stdout, /s3cr3t-token/);
    // Which interpreter each execution ran on is in the server's log, with the execution's id.
    assert.match(stdout, new RegExp(`"interpreter":"${PYTHON}"[^\\n]*"execution":"${raised.id}"`));
  },
);
