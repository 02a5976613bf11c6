// Crash recovery with real processes: `rules serve` is killed with SIGKILL mid-stream and restarted on the same
// store; every webhook answered 202 must have run its rule's action exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function startServe(packs: string, store: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', '--no-auth', '--packs', packs, '--store', store, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RULES_LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /serving .* on (http:\/\/[^\s]+)/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}: ${stderr}`));
    });
  });
}

const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');

test('kill -9 mid-stream, restart: every accepted webhook ran exactly once', { timeout: 150_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-crash-'));
  const out = join(dir, 'out.txt');
  const packs = join(dir, 'packs');
  await mkdir(join(packs, 'crash', 'rules'), { recursive: true });
  await writeFile(join(packs, 'crash', 'pack.yaml'), 'ref: crash\nname: crash\ndescription: crash test\nversion: 0.1.0\nauthor: rules\n');
  await writeFile(
    join(packs, 'crash', 'rules', 'append.yaml'),
    `name: append\npack: crash\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: crash\naction:\n  ref: core.local\n  parameters:\n    cmd: "echo {{ trigger.body.n }} >> ${out}"\n`,
  );
  const store = join(dir, 'rules.db');
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  try {
    const started = await startServe(packs, store);
    first = started.child;
    const accepted: number[] = [];
    const N = 300;
    let next = 0;
    const killAt = 120;
    const worker = async (): Promise<void> => {
      while (next < N) {
        const n = next++;
        if (n === killAt) first?.kill('SIGKILL');
        try {
          const res = await fetch(`${started.base}/api/v1/webhooks/crash`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }), signal: AbortSignal.timeout(5_000) });
          if (res.status === 202) accepted.push(n);
        } catch {
          // The server is gone: not accepted.
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.ok(accepted.length >= 50, `only ${accepted.length} accepted before the kill`);

    const restarted = await startServe(packs, store);
    second = restarted.child;
    // Idle: every accepted request has its line and the file stopped growing.
    const deadline = Date.now() + 90_000;
    let seen = await lines(out);
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await lines(out);
      if (now.length !== seen.length) stableSince = Date.now();
      seen = now;
      const have = new Set(now);
      if (accepted.every((n) => have.has(String(n))) && Date.now() - stableSince > 2_000) break;
    }
    const counts = new Map<string, number>();
    for (const l of seen) counts.set(l, (counts.get(l) ?? 0) + 1);
    const missing = accepted.filter((n) => !counts.has(String(n)));
    const twice = [...counts].filter(([, c]) => c > 1).map(([l]) => l);
    assert.deepEqual(missing, [], 'accepted webhooks whose action never ran');
    assert.deepEqual(twice, [], 'webhooks whose action ran twice');
  } finally {
    for (const child of [first, second]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
  }
});
