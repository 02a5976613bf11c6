// PostgreSQL store throughput (issue 8): accepted trigger instances/s through openPostgresStore's group commit,
// next to the baseline of one autocommit INSERT per request on the same server, schema and concurrency, in the
// same run; then group commit with the engine's bookkeeping (a status change, an enforcement and an execution
// per request as deferred writes, each in its own savepoint).
// Env: RULES_BENCH_POSTGRES or RULES_TEST_POSTGRES (the server; unset: the benchmark reports itself skipped),
// BENCH_REQUESTS (default 5000), BENCH_CONCURRENCY (default 64: requests in flight at once).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import type { PostgresStore } from '../src/store/postgres/index.ts';
import type { TriggerInstanceRecord } from '../src/store/index.ts';

const url = process.env['RULES_BENCH_POSTGRES'] ?? process.env['RULES_TEST_POSTGRES'];
const requests = Number(process.env['BENCH_REQUESTS'] ?? 5000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 64);

const instance = (id: string): TriggerInstanceRecord => ({
  id,
  trigger: 'core.bench',
  payload: { n: 42, event: 'bench' },
  occurrence_time: new Date().toISOString(),
  status: 'pending',
  trace_tag: id,
});

/** Runs `one(i)` for i < requests with `concurrency` in flight; requests/s and this process's CPU share. */
async function drive(
  one: (i: number) => Promise<void>,
  settle: () => Promise<void> = async () => {},
): Promise<{ rps: number; cpu: string }> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) await one(next++);
    }),
  );
  await settle();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { rps: requests / (ms / 1000), cpu: `${Math.round((used.user + used.system) / 10 / ms)}%` };
}

export async function run(): Promise<string> {
  if (!url) return 'skipped: set RULES_BENCH_POSTGRES (or RULES_TEST_POSTGRES) to a PostgreSQL url';
  const schema = `rules_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  let store: PostgresStore | undefined;
  try {
    store = await openPostgresStore(url, { schema, nodeId: 'bench' });
    const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    const baseline = await drive(async (i) => {
      const r = instance(`base-${i}`);
      await pool.query(
        'INSERT INTO trigger_instances (id, "trigger", payload, occurrence_time, status, trace_tag, owner, lease_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          r.id,
          r.trigger,
          JSON.stringify(r.payload),
          r.occurrence_time,
          r.status,
          r.trace_tag,
          'bench',
          Date.now() + 30_000,
        ],
      );
    });
    await pool.end();
    const s = store;
    let tx = s.transactions;
    const grouped = await drive((i) => s.commit([instance(`gc-${i}`)]));
    const groupedTx = s.transactions - tx;
    tx = s.transactions;
    const withWrites = await drive(
      async (i) => {
        const id = `full-${i}`;
        await s.commit([instance(id)]);
        s.triggerInstances.setStatus(id, 'processed');
        s.enforcements.insert({
          id: `en-${i}`,
          trigger_instance_id: id,
          rule: { ref: 'p.r', id: 'r', uid: 'rule:p.r' },
          enforced_at: new Date().toISOString(),
          status: 'succeeded',
          execution_id: `ex-${i}`,
        });
        s.executions.insert({
          id: `ex-${i}`,
          action: { ref: 'core.noop', name: 'noop', pack: 'core', runner_type: 'noop' },
          runner: { name: 'noop' },
          parameters: {},
          status: 'succeeded',
          start_timestamp: new Date().toISOString(),
          result: {},
          context: {},
          log: [],
        });
      },
      () => s.durable(),
    );
    const fullTx = s.transactions - tx;
    return [
      `${requests} requests, ${concurrency} in flight, server ${s.location}`,
      '',
      '| measure | accepted/s | transactions | vs baseline | client CPU |',
      '|---|---|---|---|---|',
      `| baseline: one autocommit INSERT per request (pool of 10) | ${baseline.rps.toFixed(0)} | ${requests} | 1.00x | ${baseline.cpu} |`,
      `| store.commit (group commit) | ${grouped.rps.toFixed(0)} | ${groupedTx} | ${(grouped.rps / baseline.rps).toFixed(2)}x | ${grouped.cpu} |`,
      `| store.commit + 3 deferred writes per request, until durable | ${withWrites.rps.toFixed(0)} | ${fullTx} | ${(withWrites.rps / baseline.rps).toFixed(2)}x | ${withWrites.cpu} |`,
    ].join('\n');
  } finally {
    await store?.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
