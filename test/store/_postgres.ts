// Shared setup for the PostgreSQL store tests: the server comes from env RULES_TEST_POSTGRES. Unset, the tests
// are skipped with the reason, except under CI=true, where they fail: CI must never silently skip them.
// Each test file works in its own fresh schema (dropped after), so files can run in parallel on one database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import type { PostgresStore, PostgresStoreOptions } from '../../src/store/postgres/index.ts';

export const POSTGRES_URL = process.env['RULES_TEST_POSTGRES'];

/** node:test's `skip` option: false when the server is configured, or under CI (the tests then fail in setup). */
export const skipWithoutPostgres: string | false =
  POSTGRES_URL || process.env['CI'] === 'true'
    ? false
    : 'RULES_TEST_POSTGRES is not set: these tests need a PostgreSQL server (e.g. postgres://rules:rules@127.0.0.1:5432/rules)';

export function requireUrl(): string {
  if (!POSTGRES_URL)
    throw new Error('CI=true but RULES_TEST_POSTGRES is not set: the PostgreSQL tests cannot run (see .ci/run)');
  return POSTGRES_URL;
}

export interface TestSchema {
  readonly url: string;
  readonly schema: string;
  open(options?: PostgresStoreOptions): Promise<PostgresStore>;
  /** Runs one query in the test schema on a separate connection (inspection, fixtures). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Closes every store opened through open() and drops the schema. */
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const url = requireUrl();
  const schema = `rules_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path = ${schema}`);
  const opened: PostgresStore[] = [];
  return {
    url,
    schema,
    async open(options = {}) {
      const store = await openPostgresStore(url, { schema, ...options });
      opened.push(store);
      return store;
    },
    query: (sql, params) => admin.query(sql, params),
    async drop() {
      await Promise.allSettled(opened.map((s) => s.close()));
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
