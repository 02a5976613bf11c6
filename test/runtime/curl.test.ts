// The two curl commands of st2-webhooks.txt, run literally with the curl binary (only host and port adapted)
// against a server started as `npm start` starts it (`rules serve --watch`), with token `matoken` provisioned
// through the store. Then the API shows that the rules matched.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The repository's own example packs, exactly what `npm start` serves.
const packs = join(root, 'packs');

function sh(command: string): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { timeout: 20_000 }, (error, stdout) =>
      resolve({ stdout, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args],
      { timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

async function enforcements(base: string, rule: string): Promise<Array<{ rule: { ref: string }; status: string }>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await fetch(`${base}/v1/ruleenforcements?rule_ref=${rule}`, { headers: { 'X-Auth-Token': 'matoken' } });
    const list = (await r.json()) as Array<{ rule: { ref: string }; status: string }>;
    if (list.length > 0 || Date.now() > deadline) return list;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The stdout of the rule's execution once it has finished (bounded wait). */
async function executionStdout(base: string, rule: string): Promise<string | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await fetch(`${base}/v1/executions?rule=${rule}`, { headers: { 'X-Auth-Token': 'matoken' } });
    const list = (await r.json()) as Array<{ status: string; result?: { stdout?: string } }>;
    const done = list.find((e) => e.status === 'succeeded' || e.status === 'failed');
    if (done || Date.now() > deadline) return done?.result?.stdout;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('st2-webhooks.txt curl examples against `rules serve --watch`', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let stderr = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-curl-'));
    const storePath = join(dir, '.rules', 'rules.db');
    const store = openStore(storePath);
    await store.tokens.create({ user: 'admin', token: 'matoken', ttlSeconds: 3600 });
    await store.close();
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/main.ts'),
        'serve',
        '--watch',
        '--packs',
        packs,
        '--store',
        storePath,
        '--port',
        '0',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, RULES_LOG_LEVEL: 'warn' },
      },
    );
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
      child.stderr?.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /serving .* on (http:\/\/[^\s]+)/.exec(stderr);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}: ${stderr}`));
      });
    });
  });
  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('on a fresh store, prints a first API key and a curl line', () => {
    assert.match(stderr, /created one \(shown only now/);
    assert.match(
      stderr,
      /curl -X POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/webhooks\/sample -H "St2-Api-Key: [A-Za-z0-9]{86}"/,
    );
  });

  it('custom webhook: curl ... /api/v1/webhooks/sample -H "X-Auth-Token: matoken" ...', async () => {
    const r = await sh(
      `curl -X POST ${base}/api/v1/webhooks/sample -H "X-Auth-Token: matoken" -H "Content-Type: application/json" --data '{"key1": "value1"}'`,
    );
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { key1: 'value1' });
    const list = await enforcements(base, 'examples.sample');
    assert.equal(list.length, 1);
    assert.equal(list[0]?.status, 'succeeded');
    assert.equal(await executionStdout(base, 'examples.sample'), 'sample fired: value1');
  });

  it('generic webhook: curl ... /api/v1/webhooks/st2 ... {"trigger": "mypack.mytrigger", ...}', async () => {
    const r = await sh(
      `curl -X POST ${base}/api/v1/webhooks/st2 -H "X-Auth-Token: matoken" -H "Content-Type: application/json" --data '{"trigger": "mypack.mytrigger", "payload": {"attribute1": "value1"}}'`,
    );
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { trigger: 'mypack.mytrigger', payload: { attribute1: 'value1' } });
    const list = await enforcements(base, 'mypack.mytrigger');
    assert.equal(list.length, 1);
    assert.equal(await executionStdout(base, 'mypack.mytrigger'), 'mytrigger fired: value1');
  });

  it('rules webhook list: from the running server (with the first-start key) and offline from the packs', async () => {
    const key = /St2-Api-Key: ([A-Za-z0-9]{86})/.exec(stderr)?.[1] ?? '';
    const online = await cli(['webhook', 'list', '--url', base], { RULES_API_KEY: key });
    assert.equal(online.code, 0, online.stderr);
    assert.match(online.stdout, /\| url +\| type +\| description \|/);
    assert.match(online.stdout, /\| sample +\| core\.st2\.webhook +\|/);
    const offline = await cli(['webhook', 'list', '--packs', packs, '--json']);
    assert.equal(offline.code, 0, offline.stderr);
    const list = JSON.parse(offline.stdout) as Array<{ parameters: { url: string }; type: string }>;
    assert.deepEqual(
      list.map((t) => [t.parameters.url, t.type]),
      [
        ['sample', 'core.st2.webhook'],
        ['github', 'core.st2.webhook'],
      ],
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
