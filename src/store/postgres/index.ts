// The PostgreSQL store (issue 8: several nodes on one database). Same contract and semantics as the embedded
// SQLite store (src/store/types.ts); migrated on open; durable writes go through group commit.
import { DEFAULT_LEASE_MS, PRUNED_TABLES } from '../retention-tables.ts';
import { randomBytes } from 'node:crypto';
import type { Store } from '../types.ts';
import { createPool, maskUrl } from './connection.ts';
import type { PostgresConnectOptions } from './connection.ts';
import { migratePostgres } from './migrations.ts';
import { createGroupCommit, guard } from './group-commit.ts';
import { createTriggerInstanceStore, instanceInserter } from './trigger-instances.ts';
import { createExecutionStore } from './executions.ts';
import { createEnforcementStore } from './enforcements.ts';
import { createApiKeyStore } from './api-keys.ts';
import { createTokenStore } from './tokens.ts';
import { createKvStore } from './kv.ts';
import { createDeliveryStore } from './deliveries.ts';
import { createClaims } from './claims.ts';
import { unavailable } from './errors.ts';
import { POSTGRES_ACTIVITY_SQL as ACTIVITY_SQL, activityCounts, sinceId } from '../activity.ts';

export interface PostgresStoreOptions extends PostgresConnectOptions {
  /** This process's node id (default: random per process). */
  nodeId?: string;
  /** Lease length in ms on work this node owns (default 30000). */
  leaseMs?: number;
  /** Deferred writes that failed (a duplicate enforcement, a database gone): default a process warning. */
  onDeferredError?: (error: unknown, label: string) => void;
}

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  /** Group-commit transactions so far (tests, metrics). */
  readonly transactions: number;
  /** Of those, batches redone one savepoint per write because a deferred write failed (tests, metrics). */
  readonly slowPaths: number;
}

export { DEFAULT_LEASE_MS };

/**
 * Connects, migrates and returns a store; rejects (code RULES_STORE_UNAVAILABLE) when the server is unreachable.
 * @example const store = await openPostgresStore('postgres://rules:rules@127.0.0.1:5432/rules', { nodeId: 'a' })
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const nodeId = options.nodeId ?? `node-${randomBytes(6).toString('hex')}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const onDeferredError =
    options.onDeferredError ??
    ((error: unknown, label: string) =>
      process.emitWarning(`store: a deferred write (${label}) failed: ${String(error)}`));
  const pool = createPool(url, options, (error) =>
    process.emitWarning(`store: an idle PostgreSQL connection failed: ${error.message}`),
  );
  try {
    const client = await pool.connect();
    guard(client);
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(error);
  }
  const commits = createGroupCommit(pool, instanceInserter(nodeId, leaseMs), onDeferredError);
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    location: maskUrl(url),
    triggerInstances: createTriggerInstanceStore(pool, commits, nodeId),
    executions: createExecutionStore(pool, commits, nodeId, leaseMs),
    enforcements: createEnforcementStore(pool, commits),
    apiKeys: createApiKeyStore(pool),
    tokens: createTokenStore(pool),
    kv: createKvStore(pool),
    deliveries: createDeliveryStore(pool),
    claims: createClaims(pool, commits, nodeId, leaseMs),
    commit: (records) => commits.commit(records),
    durable: () => commits.durable(),
    async prune(cutoff, batch) {
      await commits.settled();
      let deleted = 0;
      for (const [table, column] of PRUNED_TABLES) {
        const result = await pool.query(
          `DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table} WHERE ${column} < $1 LIMIT $2)`,
          [cutoff, batch],
        );
        deleted += result.rowCount ?? 0;
      }
      return deleted;
    },
    async activity(sinceMs) {
      await commits.settled();
      const id = [sinceId(sinceMs)];
      type Count = { n: string };
      type ByStatus = { status: string; n: string };
      const [received, matched, enforcements, executions] = await Promise.all([
        pool.query<Count>(ACTIVITY_SQL.received, id),
        pool.query<Count>(ACTIVITY_SQL.matched, id),
        pool.query<ByStatus>(ACTIVITY_SQL.enforcements, id),
        pool.query<ByStatus>(ACTIVITY_SQL.executions, id),
      ]);
      const counts = { received: received.rows[0]?.n ?? 0, matched: matched.rows[0]?.n ?? 0 };
      return activityCounts(sinceMs, counts, enforcements.rows, executions.rows);
    },
    close() {
      closing ??= commits.close().then(() => pool.end());
      return closing;
    },
    get transactions() {
      return commits.transactions;
    },
    get slowPaths() {
      return commits.slowPaths;
    },
  };
}

export { maskUrl } from './connection.ts';
export { STORE_UNAVAILABLE, StoreUnavailableError } from './errors.ts';
export { migratePostgres, postgresMigrations } from './migrations.ts';
export type { PostgresConnectOptions } from './connection.ts';
