// `rules serve` with 1,000 rules against a bare node:http server that parses the same JSON and answers 202,
// in the same run, with autocannon. Server pinned to CPU 0, load to CPU 1 (taskset). Durable accept is on:
// every 202 of `rules serve` follows a committed and synced SQLite transaction (WAL, group commit; pinned to one
// core the store commits on the event loop and syncs the WAL in the thread pool). Env: BENCH_SECONDS (default
// 10), BENCH_CONNECTIONS (default 50); passed through to the server: RULES_STORE_WRITER=worker|inline (A/B),
// RULES_ENGINE=off (match only, no enforcements or actions).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.ts';
import { startPinned } from './_pinned.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RULES = 1000;
const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 50);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function writePacks(dir: string): Promise<void> {
  const pack = join(dir, 'benchpack');
  await mkdir(join(pack, 'rules'), { recursive: true });
  await writeFile(join(pack, 'pack.yaml'), 'name: benchpack\ndescription: bench\nversion: 1.0.0\nauthor: bench\n');
  await Promise.all(
    Array.from({ length: RULES }, (_, i) =>
      writeFile(
        join(pack, 'rules', `r${String(i).padStart(4, '0')}.yaml`),
        `name: r${i}\npack: benchpack\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: hook-${i % 100}\ncriteria:\n  trigger.body.n:\n    type: equals\n    pattern: ${i}\naction:\n  ref: core.noop\n`,
      ),
    ),
  );
}

function load(url: string, duration: number, headers: Record<string, string>): Promise<Load> {
  const args = [
    '-c',
    '1',
    process.execPath,
    join(root, 'node_modules/autocannon/autocannon.js'),
    '--json',
    '-c',
    String(connections),
    '-d',
    String(duration),
    '-m',
    'POST',
    '-H',
    'Content-Type=application/json',
    '-b',
    '{"n": 42, "event": "bench", "data": {"k": [1, 2, 3]}}',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
        };
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors,
        });
      } catch (error) {
        reject(new Error(`autocannon output not JSON: ${(error as Error).message}: ${out.slice(0, 200)}`));
      }
    });
  });
}

async function measure(
  url: string,
  headers: Record<string, string>,
  unfinished?: () => number,
): Promise<Load & { drainMs?: number; total?: number }> {
  await load(url, 2, headers); // warm-up: JIT, SQLite page cache
  if (!unfinished) return load(url, seconds, headers);
  await drained(unfinished);
  const measured = await load(url, seconds, headers);
  // Matching and the engine run after the 202: a server that answered faster than it processed would only have
  // moved work past the window. What was left is timed, and the sustained rate counts it.
  const started = performance.now();
  await drained(unfinished);
  return { ...measured, drainMs: performance.now() - started };
}

/** Waits (60 s at most) until the store holds no pending or processing trigger instance. */
async function drained(unfinished: () => number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (unfinished() > 0) {
    if (Date.now() > deadline) throw new Error('rules serve did not process its backlog within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-bench-serve-'));
  const children: ChildProcess[] = [];
  try {
    await writePacks(join(dir, 'packs'));
    const storePath = join(dir, 'rules.db');
    const store = openStore(storePath);
    const { key } = await store.apiKeys.create('bench');
    await store.close();
    const env = { ...process.env, RULES_LOG_LEVEL: 'warn' };
    const bare = await startPinned(
      [process.execPath, '--import', 'tsx', join(root, 'bench/_bare-server.ts')],
      env,
      root,
    );
    children.push(bare.child);
    const bareLoad = await measure(`${bare.url}/v1/webhooks/hook-42`, {});
    bare.child.kill('SIGTERM');
    const rules = await startPinned(
      [
        process.execPath,
        '--import',
        'tsx',
        'src/cli/main.ts',
        'serve',
        '--packs',
        join(dir, 'packs'),
        '--store',
        storePath,
        '--port',
        '0',
        '--production',
      ],
      env,
      root,
    );
    children.push(rules.child);
    const reader = new Database(storePath, { readonly: true });
    const unfinished = reader.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM trigger_instances WHERE status IN ('pending', 'processing')",
    );
    const rulesLoad = await measure(
      `${rules.url}/v1/webhooks/hook-42`,
      { 'St2-Api-Key': key },
      () => unfinished.get()?.n ?? 0,
    );
    reader.close();
    const drainMs = rulesLoad.drainMs ?? 0;
    const sustained = (rulesLoad.rps * seconds) / (seconds + drainMs / 1000);
    const row = (name: string, l: Load): string =>
      `| ${name} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.non2xx + l.errors} |`;
    return [
      `${RULES} rules on 100 webhook urls, ${connections} connections, ${seconds} s, server on CPU 0, autocannon on CPU 1, store writer ${process.env['RULES_STORE_WRITER'] ?? 'default (inline on one core)'}, engine ${process.env['RULES_ENGINE'] === 'off' ? 'off' : 'on'}`,
      '',
      '| server | req/s | p50 ms | p99 ms | non-2xx + errors |',
      '|---|---|---|---|---|',
      row('bare node:http (parse JSON, 202)', bareLoad),
      row('rules serve (auth, durable accept, matching + enforcement)', rulesLoad),
      '',
      `ratio rules/bare: ${(rulesLoad.rps / bareLoad.rps).toFixed(2)} (target >= 0.6); p99 ${rulesLoad.p99} ms (target < 10 ms)`,
      `backlog after the load: processed in ${drainMs.toFixed(0)} ms; sustained (accepted and processed) ${sustained.toFixed(0)} req/s, ratio ${(sustained / bareLoad.rps).toFixed(2)}`,
    ].join('\n');
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
