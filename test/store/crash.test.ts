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

/** Webhook numbers whose execution recovery marked abandoned (with a reason), through the API. */
async function abandoned(base: string): Promise<Set<number>> {
  const out = new Set<number>();
  const res = await fetch(`${base}/v1/executions?status=abandoned&limit=1000`);
  const executions = (await res.json()) as Array<{ trigger_instance?: { id?: string }; result?: { error?: unknown } }>;
  for (const e of executions) {
    assert.equal(typeof e.result?.error, 'string', 'an abandoned execution says why');
    const ti = await fetch(`${base}/v1/triggerinstances/${e.trigger_instance?.id ?? ''}`);
    const body = ((await ti.json()) as { payload?: { body?: { n?: number } } }).payload?.body;
    if (typeof body?.n === 'number') out.add(body.n);
  }
  return out;
}

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

test('kill -9 mid-stream, restart: no accepted webhook is lost or run twice (each ran once, or is recorded abandoned)', { timeout: 150_000 }, async () => {
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
      const gaveUp = await abandoned(restarted.base);
      if (accepted.every((n) => have.has(String(n)) || gaveUp.has(n)) && Date.now() - stableSince > 2_000) break;
    }
    const counts = new Map<string, number>();
    for (const l of seen) counts.set(l, (counts.get(l) ?? 0) + 1);
    const twice = [...counts].filter(([, c]) => c > 1).map(([l]) => l);
    assert.deepEqual(twice, [], 'webhooks whose action ran twice');
    // An execution interrupted by the kill (enforced, maybe started) is not run again, since it may have
    // had effects: recovery records it as abandoned with a reason (issue 8 allows that, or a retry for
    // actions declared safe to retry, which is not built yet). Nothing accepted is silently lost.
    const gaveUp = await abandoned(restarted.base);
    const missing = accepted.filter((n) => !counts.has(String(n)) && !gaveUp.has(n));
    assert.deepEqual(missing, [], 'accepted webhooks with neither their line nor an abandoned execution');
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
