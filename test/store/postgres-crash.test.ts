// Issue 8, crash test (2): two `rules serve` nodes on one PostgreSQL database share the load; one is killed with
// SIGKILL mid-stream. The survivor takes over the dead node's work once its leases expire. Over both nodes:
// every webhook answered 202 ran its action once or is recorded abandoned (interrupted mid-run), never twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { requireUrl, skipWithoutPostgres } from './_postgres.ts';
import { cleanUp, kill9, lines, startServe } from './_serve.ts';

/** Webhook numbers whose execution was recorded abandoned (with a reason). */
async function abandoned(admin: pg.Client): Promise<Set<number>> {
  const rows = await admin.query<{ n: string | null; error: string | null }>(
    `SELECT ti.payload::jsonb #>> '{body,n}' AS n, e.record::jsonb #>> '{result,error}' AS error
       FROM executions e JOIN trigger_instances ti ON ti.id = e.trigger_instance_id WHERE e.status = 'abandoned'`,
  );
  const out = new Set<number>();
  for (const r of rows.rows) {
    assert.equal(typeof r.error, 'string', 'an abandoned execution says why');
    if (r.n !== null) out.add(Number(r.n));
  }
  return out;
}

// The url (with its password) goes through the environment, not the command line.
const startNode = (packs: string, store: string, nodeId: string): ReturnType<typeof startServe> =>
  startServe(['--packs', packs, '--node-id', nodeId, '--lease', '2s'], { RULES_STORE: store });

test(
  'two nodes on one PostgreSQL, one killed mid-load: no accepted webhook lost or run twice',
  { skip: skipWithoutPostgres, timeout: 290_000 },
  async () => {
    const url = requireUrl();
    const schema = `rules_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path = ${schema}`);
    const store = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const dir = await mkdtemp(join(tmpdir(), 'rules-pg-crash-'));
    const out = join(dir, 'out.txt');
    const packs = join(dir, 'packs');
    await mkdir(join(packs, 'crash', 'rules'), { recursive: true });
    await writeFile(
      join(packs, 'crash', 'pack.yaml'),
      'ref: crash\nname: crash\ndescription: crash test\nversion: 0.1.0\nauthor: rules\n',
    );
    await writeFile(
      join(packs, 'crash', 'rules', 'append.yaml'),
      `name: append\npack: crash\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: crash\naction:\n  ref: core.local\n  parameters:\n    cmd: "sleep 0.02; echo {{ trigger.body.n }} >> ${out}"\n`,
    );
    const children: ChildProcess[] = [];
    try {
      const [a, b] = await Promise.all([startNode(packs, store, 'node-a'), startNode(packs, store, 'node-b')]);
      children.push(a.child, b.child);
      const accepted: number[] = [];
      const N = 600;
      const killAt = 250;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < N) {
          const n = next++;
          if (n === killAt) kill9(a.child);
          const base = n % 2 === 0 ? a.base : b.base;
          try {
            const res = await fetch(`${base}/api/v1/webhooks/crash`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ n }),
              signal: AbortSignal.timeout(5_000),
            });
            if (res.status === 202) accepted.push(n);
          } catch {
            // Node a is gone: not accepted.
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      assert.ok(accepted.filter((n) => n % 2 === 0).length >= 50, 'node a accepted work before it was killed');
      assert.ok(
        accepted.some((n) => n % 2 === 0 && n > killAt + 20) === false,
        'node a accepted nothing after it was killed',
      );

      // Node b takes over a's unfinished work after a's 2 s leases expire; wait until every accepted request is
      // accounted for and the output stopped growing.
      const deadline = Date.now() + 90_000;
      let seen = await lines(out);
      let stableSince = Date.now();
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await lines(out);
        if (now.length !== seen.length) stableSince = Date.now();
        seen = now;
        const have = new Set(now);
        const gaveUp = await abandoned(admin);
        if (accepted.every((n) => have.has(String(n)) || gaveUp.has(n)) && Date.now() - stableSince > 3_000) break;
      }
      const counts = new Map<string, number>();
      for (const l of seen) counts.set(l, (counts.get(l) ?? 0) + 1);
      assert.deepEqual(
        [...counts].filter(([, c]) => c > 1).map(([l]) => l),
        [],
        'webhooks whose action ran twice',
      );
      const gaveUp = await abandoned(admin);
      const missing = accepted.filter((n) => !counts.has(String(n)) && !gaveUp.has(n));
      assert.deepEqual(missing, [], 'accepted webhooks with neither their line nor an abandoned execution');
      // The takeover happened: node b now owns work that node a had accepted (the slow action keeps a backlog).
      const taken = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM trigger_instances WHERE owner = 'node-b' AND (payload::jsonb #>> '{body,n}')::int % 2 = 0",
      );
      assert.ok(Number(taken.rows[0]?.n) > 0, "node b took over none of node a's trigger instances");
      // Nothing is left unfinished or owned by the dead node.
      const stuck = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM trigger_instances WHERE status IN ('pending', 'processing')",
      );
      assert.equal(Number(stuck.rows[0]?.n), 0, 'trigger instances left unprocessed');
    } finally {
      await cleanUp(children, dir);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await admin.end();
    }
  },
);
