// End-to-end webhooks/s: `rules serve` with one core.noop rule, every webhook accepted, matched, executed and
// recorded (trigger instance, rule enforcement, execution), next to the same server with RULES_ENGINE=off
// (accept and match only), in the same run. Server pinned to CPU 0, autocannon to CPU 1 (taskset).
// Executed/s counts until the last execution is recorded (the backlog drained after the load stopped).
// Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.ts';
import { startPinned } from './_pinned.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const BODY = '{"n": 42, "event": "bench"}';

interface Load {
  rps: number;
  total: number;
  p99: number;
  failures: number;
}

function load(url: string, duration: number, key: string): Promise<Load> {
  const autocannon = join(root, 'node_modules/autocannon/autocannon.js');
  const args = [
    '-c',
    '1',
    process.execPath,
    autocannon,
    '--json',
    '-c',
    String(connections),
    '-d',
    String(duration),
    '-m',
    'POST',
  ];
  args.push('-H', 'Content-Type=application/json', '-H', `St2-Api-Key=${key}`, '-b', BODY, url);
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number; total: number };
          latency: { p99: number };
          non2xx: number;
          errors: number;
        };
        resolve({
          rps: r.requests.average,
          total: r.requests.total,
          p99: r.latency.p99,
          failures: r.non2xx + r.errors,
        });
      } catch (error) {
        reject(new Error(`autocannon output not JSON: ${(error as Error).message}: ${out.slice(0, 200)}`));
      }
    });
  });
}

/** Polls the store (read-only, WAL) until every trigger instance has a finished execution; returns the seconds waited. */
async function drain(
  storePath: string,
  timeoutMs = 300_000,
): Promise<{ waited: number; executed: number; instances: number }> {
  const db = new Database(storePath, { readonly: true });
  const started = performance.now();
  try {
    for (;;) {
      const instances = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM trigger_instances').get()?.n ?? 0;
      const executed =
        db.prepare<[], { n: number }>("SELECT count(*) AS n FROM executions WHERE status = 'succeeded'").get()?.n ?? 0;
      if (executed >= instances || performance.now() - started > timeoutMs)
        return { waited: (performance.now() - started) / 1000, executed, instances };
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    db.close();
  }
}

async function serveAndLoad(
  dir: string,
  name: string,
  engine: boolean,
): Promise<{ load: Load; executed?: number; instances?: number; e2eRate?: number }> {
  const storePath = join(dir, `${name}.db`);
  const store = openStore(storePath);
  const { key } = await store.apiKeys.create('bench');
  await store.close();
  const env = { ...process.env, RULES_LOG_LEVEL: 'warn', RULES_ENGINE: engine ? 'on' : 'off' };
  const server = await startPinned(
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
  try {
    const url = `${server.url}/v1/webhooks/bench`;
    await load(url, 2, key); // warm-up: JIT, SQLite page cache
    if (engine) await drain(storePath);
    const before = engine ? await drain(storePath) : undefined;
    const result = await load(url, seconds, key);
    if (!engine || !before) return { load: result };
    const after = await drain(storePath);
    const executed = after.executed - before.executed;
    return {
      load: result,
      executed,
      instances: after.instances - before.instances,
      e2eRate: executed / (seconds + after.waited),
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-bench-e2e-'));
  try {
    const pack = join(dir, 'packs', 'benchpack');
    await mkdir(join(pack, 'rules'), { recursive: true });
    await writeFile(join(pack, 'pack.yaml'), 'name: benchpack\ndescription: bench\nversion: 1.0.0\nauthor: bench\n');
    await writeFile(
      join(pack, 'rules', 'noop.yaml'),
      'name: noop\npack: benchpack\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: bench\ncriteria:\n  trigger.body.n:\n    type: equals\n    pattern: 42\naction:\n  ref: core.noop\n',
    );
    const acceptOnly = await serveAndLoad(dir, 'accept', false);
    const full = await serveAndLoad(dir, 'e2e', true);
    return [
      `one core.noop rule, ${connections} connections, ${seconds} s, server on CPU 0, autocannon on CPU 1`,
      '',
      '| server | accepted req/s | p99 ms | non-2xx + errors | executed/s (until recorded) |',
      '|---|---|---|---|---|',
      `| accept + match only (RULES_ENGINE=off) | ${acceptOnly.load.rps.toFixed(0)} | ${acceptOnly.load.p99} | ${acceptOnly.load.failures} | - |`,
      `| end to end (accept, match, execute core.noop, record) | ${full.load.rps.toFixed(0)} | ${full.load.p99} | ${full.load.failures} | ${(full.e2eRate ?? 0).toFixed(0)} |`,
      '',
      `executions recorded: ${full.executed ?? 0} of ${full.instances ?? 0} trigger instances; ` +
        `ratio end-to-end/accept-only: ${((full.e2eRate ?? 0) / acceptOnly.load.rps).toFixed(2)}`,
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
