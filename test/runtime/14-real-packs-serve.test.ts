// Issue 14, done when: every rule of the real packs (../shared/real-packs, as published) is served by a real
// `rules serve` process and listed by GET /v1/rules, as StackStorm's rules registrar registers each of them
// (st2common/bootstrap/rulesregistrar.py _register_rules_from_pack; st2api/controllers/v1/rules.py get_all lists
// enabled and disabled ones). And a rule on a sensor trigger type of a real pack (hello_st2.event1, declared in
// hello_st2/sensors/sensor1.yaml) runs its action when that trigger is sent to the generic st2 webhook
// (st2api/controllers/v1/webhooks.py: the `st2` hook dispatches {trigger, payload}).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../shared-dir.ts';

const shared = sharedDir();
const realPacks = shared ? join(shared, 'real-packs') : undefined;
const skip = realPacks && existsSync(realPacks) ? false : 'needs ../shared/real-packs (StackStorm packs as published)';
if (skip && process.env['CI'] === 'true') throw new Error(`CI: ${skip}`);
const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

/** `<pack>.<name>` and `enabled` of every rule file, read from the text (the first `name:` and `enabled:` lines). */
function ruleFiles(root: string): Map<string, boolean> {
  const rules = new Map<string, boolean>();
  for (const pack of readdirSync(root)) {
    const dir = join(root, pack, 'rules');
    if (!existsSync(join(root, pack, 'pack.yaml')) || !existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const name = /^\s*name:\s*"?([^"\n]+?)"?\s*$/m.exec(text)?.[1];
      const enabled = /^\s*enabled:\s*(\w+)/m.exec(text)?.[1];
      assert.ok(name, `${pack}/rules/${file} has a name line`);
      rules.set(`${pack}.${name}`, enabled === 'true');
    }
  }
  return rules;
}

let dir = '';
let server: ChildProcess | undefined;
let base = '';
let key = '';
let stderr = '';

before(async () => {
  if (skip) return;
  dir = await mkdtemp(join(tmpdir(), 'rules-real-serve-'));
  server = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--data', join(dir, 'data'), '--packs', realPacks ?? ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rules serve did not start:\n${stderr}`)), 180_000);
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

const get = async (path: string): Promise<unknown> => {
  const r = await fetch(`${base}${path}`, { headers: { 'St2-Api-Key': key } });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

test(
  'rules serve starts on the real packs with no error and GET /v1/rules lists every rule of them',
  { skip },
  async () => {
    assert.doesNotMatch(stderr, / error /);
    const expected = ruleFiles(realPacks ?? '');
    assert.equal(expected.size, 18);
    const served = (await get('/v1/rules?limit=1000')) as Array<{ ref: string; enabled: boolean; pack: string }>;
    assert.deepEqual(new Map(served.map((r) => [r.ref, r.enabled])), expected);
    const one = (await get('/v1/rules/email.Sample')) as { trigger: { type: string }; action: { ref: string } };
    assert.equal(one.trigger.type, 'email.imap.message');
    assert.equal(one.action.ref, 'core.sendmail');
  },
);

test(
  'a real rule on a sensor trigger runs its action when the trigger comes through the st2 webhook',
  { skip },
  async () => {
    const r = await fetch(`${base}/v1/webhooks/st2`, {
      method: 'POST',
      headers: { 'St2-Api-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ trigger: 'hello_st2.event1', payload: {} }),
    });
    assert.equal(r.status, 202, await r.text());
    type Execution = { status: string; action: { ref: string }; result?: { stdout?: string } };
    let done: Execution | undefined;
    // Bounded by work: each round asks once; the execution is one bash script.
    for (let i = 0; i < 600 && !done; i++) {
      const list = (await get('/v1/executions')) as Execution[];
      done = list.find(
        (e) => e.action.ref === 'hello_st2.greet' && !['requested', 'scheduled', 'running'].includes(e.status),
      );
      if (!done) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(done, 'no finished execution of hello_st2.greet');
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.result?.stdout, 'Yo, StackStorm!');
  },
);
