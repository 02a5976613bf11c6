// Issue 8, crash test (3) on PostgreSQL: the database goes away while `rules serve` runs. Webhooks are answered
// 503 with a faultstring (never 202), whether the store fails at the credentials check or at the commit; when
// the database is back, the next webhook is accepted again. The database "goes away" behind a TCP proxy that the
// test closes, so the shared server keeps running for the other test files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import { json, rule, ruleSet, startServer } from '../runtime/helpers.ts';

interface Proxy {
  url: string;
  /** Refuses new connections and cuts the open ones. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

async function startProxy(target: URL): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve) => {
      server = createTcpServer((client) => {
        const upstream = new (client.constructor as typeof Socket)();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  const down = async (): Promise<void> => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of sockets) s.destroy();
    server = undefined;
  };
  const proxied = new URL(target.href);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return { url: proxied.href, down, up: listen, close: down };
}

test(
  'PostgreSQL down while serving: 503 with a faultstring, never 202; accepted again once it is back',
  { skip: skipWithoutPostgres, timeout: 60_000 },
  async () => {
    const schema = await createTestSchema();
    const proxy = await startProxy(new URL(schema.url));
    const { openPostgresStore } = await import('../../src/store/postgres/index.ts');
    const store = await openPostgresStore(proxy.url, { schema: schema.schema, connectTimeoutMs: 1_000 });
    const rs = ruleSet([rule('test.r', { type: 'core.st2.webhook', parameters: { url: 'hook' } })]);
    const withAuth = await startServer(rs, { store, auth: { enabled: true } });
    const noAuth = await startServer(rs, { store, auth: { enabled: false } });
    try {
      const { key } = await store.apiKeys.create('admin');
      const send = (s: { url: string }, headers: Record<string, string> = {}): Promise<Response> =>
        fetch(`${s.url}/v1/webhooks/hook`, json({ a: 1 }, headers));
      assert.equal((await send(withAuth, { 'St2-Api-Key': key })).status, 202);
      assert.equal((await send(noAuth)).status, 202);

      await proxy.down();
      const checked = await send(withAuth, { 'St2-Api-Key': key });
      assert.equal(checked.status, 503);
      assert.match(((await checked.json()) as { faultstring: string }).faultstring, /credentials could not be checked/);
      const committed = await send(noAuth);
      assert.equal(committed.status, 503);
      assert.match(((await committed.json()) as { faultstring: string }).faultstring, /could not be stored/);

      await proxy.up();
      let status = 0;
      // The pool reconnects on the next query; allow it a few tries.
      for (let i = 0; i < 20 && status !== 202; i++) {
        status = (await send(withAuth, { 'St2-Api-Key': key })).status;
        if (status !== 202) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 202);
      const stored = await schema.query<{ n: string }>('SELECT count(*) AS n FROM trigger_instances');
      assert.equal(Number(stored.rows[0]?.n), 3, 'exactly the three webhooks answered 202 are stored');
    } finally {
      await withAuth.app.close();
      await noAuth.app.close();
      await store.close().catch(() => undefined);
      await proxy.close();
      await schema.drop();
    }
  },
);
