// Accepted webhooks/s by store (issue 8), same run: embedded SQLite with synchronous=FULL and group commit (the
// default), SQLite without durability (RULES_STORE_SYNC=off), and PostgreSQL with one and with two `rules serve`
// nodes on one database. One core.noop rule, engine on, auth off (the same for every row). Not pinned: with two
// nodes and the PostgreSQL server on a 2-core machine everything shares the cores, so the rows compare stores
// under the same load generator, not per-core efficiency (bench/serve.ts does the pinned comparison).
// Env: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 50), RULES_BENCH_POSTGRES or RULES_TEST_POSTGRES
// (unset: the PostgreSQL rows say skipped).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const postgres = process.env['RULES_BENCH_POSTGRES'] ?? process.env['RULES_TEST_POSTGRES'];
const BODY = '{"n": 42, "event": "bench"}';

interface Load {
  rps: number;
  p99: number;
  failures: number;
}

function autocannon(url: string, duration: number, conns: number): Promise<Load> {
  const args = [
    join(root, 'node_modules/autocannon/autocannon.js'),
    '--json',
    '-c',
    String(conns),
    '-d',
    String(duration),
    '-m',
    'POST',
    '-H',
    'Content-Type=application/json',
    '-b',
    BODY,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number };
          latency: { p99: number };
          non2xx: number;
          errors: number;
        };
        resolve({ rps: r.requests.average, p99: r.latency.p99, failures: r.non2xx + r.errors });
      } catch (error) {
        reject(new Error(`autocannon output not JSON: ${(error as Error).message}`));
      }
    });
  });
}

/** Load split over the nodes (connections divided between them); req/s summed, worst p99. */
async function load(urls: string[], duration: number): Promise<Load> {
  const each = await Promise.all(
    urls.map((u) => autocannon(u, duration, Math.max(1, Math.round(connections / urls.length)))),
  );
  return {
    rps: each.reduce((a, l) => a + l.rps, 0),
    p99: Math.max(...each.map((l) => l.p99)),
    failures: each.reduce((a, l) => a + l.failures, 0),
  };
}

function startServe(
  packs: string,
  store: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const args = [
    '--import',
    'tsx',
    'src/cli/main.ts',
    'serve',
    '--no-auth',
    '--production',
    '--packs',
    packs,
    '--port',
    '0',
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RULES_LOG_LEVEL: 'warn', RULES_STORE: store, ...env },
  });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 120_000);
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /serving .* on (http:\/\/[^\s]+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${err}`));
    });
  });
}

async function measure(packs: string, store: string, nodes: number, env: NodeJS.ProcessEnv = {}): Promise<Load> {
  const servers = await Promise.all(Array.from({ length: nodes }, () => startServe(packs, store, env)));
  try {
    const urls = servers.map((s) => `${s.url}/v1/webhooks/bench`);
    await load(urls, 2); // warm-up: JIT, page cache, pool connections
    return await load(urls, seconds);
  } finally {
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }
  }
}

const row = (name: string, l: Load | string, base?: Load): string =>
  typeof l === 'string'
    ? `| ${name} | ${l} | | | |`
    : `| ${name} | ${l.rps.toFixed(0)} | ${base ? (l.rps / base.rps).toFixed(2) : '1.00'} | ${l.p99} | ${l.failures} |`;

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-bench-durability-'));
  const schema = `rules_bench_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client | undefined;
  try {
    const packs = join(dir, 'packs');
    await mkdir(join(packs, 'benchpack', 'rules'), { recursive: true });
    await writeFile(
      join(packs, 'benchpack', 'pack.yaml'),
      'name: benchpack\ndescription: bench\nversion: 1.0.0\nauthor: bench\n',
    );
    await writeFile(
      join(packs, 'benchpack', 'rules', 'noop.yaml'),
      'name: noop\npack: benchpack\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: bench\naction:\n  ref: core.noop\n',
    );
    const full = await measure(packs, join(dir, 'full.db'), 1);
    const off = await measure(packs, join(dir, 'off.db'), 1, { RULES_STORE_SYNC: 'off' });
    let pg1: Load | string = 'skipped: RULES_BENCH_POSTGRES / RULES_TEST_POSTGRES not set';
    let pg2: Load | string = pg1;
    if (postgres) {
      admin = new pg.Client({ connectionString: postgres });
      await admin.connect();
      const url = (name: string): string =>
        `${postgres}${postgres.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}_${name}`)}`;
      for (const n of ['one', 'two']) await admin.query(`CREATE SCHEMA ${schema}_${n}`);
      pg1 = await measure(packs, url('one'), 1);
      pg2 = await measure(packs, url('two'), 2);
    }
    return [
      `one core.noop rule, engine on, auth off, ${connections} connections (split over the nodes), ${seconds} s, not pinned`,
      '',
      '| store | accepted req/s | vs SQLite FULL | p99 ms | non-2xx + errors |',
      '|---|---|---|---|---|',
      row('SQLite, synchronous=FULL, group commit (default)', full),
      row('SQLite, RULES_STORE_SYNC=off (not durable)', off, full),
      row('PostgreSQL, 1 node', pg1, full),
      row('PostgreSQL, 2 nodes on one database', pg2, full),
    ].join('\n');
  } finally {
    if (admin) {
      for (const n of ['one', 'two'])
        await admin.query(`DROP SCHEMA IF EXISTS ${schema}_${n} CASCADE`).catch(() => undefined);
      await admin.end();
    }
    await rm(dir, { recursive: true, force: true });
  }
}
