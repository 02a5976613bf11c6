// The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, migrated on open,
// behind the async Store contract of types.ts (the per-table files stay the synchronous SQLite implementation).
import { DEFAULT_LEASE_MS, PRUNED_TABLES } from './retention-tables.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { syncMode } from './sync-mode.ts';
import type { Database } from 'better-sqlite3';
import { migrations } from './migrations.ts';
import type { Migration } from './migrations.ts';
import { createTriggerInstanceRepository } from './trigger-instances.ts';
import { createApiKeyRepository, withKeyCache } from './api-keys.ts';
import { createTokenRepository } from './tokens.ts';
import { createExecutionRepository } from './executions.ts';
import { createEnforcementRepository, enforcementRow } from './enforcements.ts';
import { createKvRepository } from './kv.ts';
import { createDeliveryRepository } from './deliveries.ts';
import { createGroupCommit } from './group-commit.ts';
import type { BatchWriter } from './group-commit.ts';
import { createWorkerWriter } from './worker-group-commit.ts';
import { createClaimRepository } from './claims.ts';
import { asyncRepository } from './async.ts';
import { SQLITE_ACTIVITY_SQL as ACTIVITY_SQL, activityCounts, sinceId } from './activity.ts';
import type { Ownership } from './trigger-instances.ts';
import type { EnforcementStore, ExecutionStore, Store, TriggerInstanceStore, WorkClaims } from './types.ts';

/** Runs the migrations not yet recorded, each in its own transaction, in list order. */
export function migrate(db: Database, list: readonly Migration[] = migrations): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
      .all()
      .map((r) => r.name),
  );
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const m of list) {
    if (done.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.name, new Date().toISOString());
    })();
    applied.push(m.name);
  }
  return applied;
}

export interface OpenStoreOptions {
  /**
   * Where durable writes run. `worker`: a writer thread with its own connection commits the batches, so neither
   * a large batch nor fsync blocks the event loop, and the SQLite work runs on another core. `inline`: on this
   * thread (always for `:memory:`, which another connection cannot see); the WAL sync still runs off the event
   * loop (group-commit.ts), the writes themselves do not. Default: `worker` when this process may use more than
   * one core, else `inline` (on one core the thread only adds the hand-over: ~15 us per webhook measured).
   * Env `RULES_STORE_WRITER=inline|worker` overrides the default.
   */
  writer?: 'worker' | 'inline';
  /** This process's node id for work ownership (issue 8); default random per process. */
  nodeId?: string;
  /** Lease length (ms) of the work this node takes; default 30 s. */
  leaseMs?: number;
}

export { DEFAULT_LEASE_MS };

/** RULES_STORE_WRITER, else a writer thread only when there is a second core for it (affinity counts: taskset). */
export function defaultWriter(
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): 'worker' | 'inline' {
  const value = env['RULES_STORE_WRITER']?.trim().toLowerCase();
  if (value === 'inline' || value === 'worker') return value;
  if (value !== undefined && value !== '')
    throw new Error(`RULES_STORE_WRITER must be inline or worker, not ${JSON.stringify(env['RULES_STORE_WRITER'])}`);
  return cores > 1 ? 'worker' : 'inline';
}

/**
 * Opens (creating it and its directory when needed) and migrates the embedded SQLite store.
 * @example const store = openStore(':memory:')
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  // FULL (default): a commit is on disk when it returns, so a 202 is never answered for a row a crash could lose.
  db.pragma(`synchronous = ${syncMode()}`);
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const nodeId = options.nodeId ?? `node-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const ownership = (): Ownership => ({ owner: nodeId, leaseUntil: Date.now() + leaseMs });
  const onDeferredError = (error: unknown): void =>
    process.emitWarning(`store: a deferred write failed: ${String(error)}`);
  const mode = path === ':memory:' ? 'inline' : (options.writer ?? defaultWriter());
  const syncWal = path !== ':memory:' && syncMode() === 'FULL';
  const writer: BatchWriter =
    mode === 'worker'
      ? createWorkerWriter(path, ownership, onDeferredError)
      : createGroupCommit(db, ownership, { onDeferredError, ...(syncWal ? { syncWalOf: path } : {}) });
  const barrier = (): Promise<void> => writer.barrier();
  // Processing writes join the next group commit instead of paying a WAL sync each; reads of what they write
  // await the barrier first, so they always see them. Auth, datastore and delivery reads never wait.
  const instancesDirect = createTriggerInstanceRepository(db);
  const executionsDirect = createExecutionRepository(db);
  const enforcementsDirect = createEnforcementRepository(db);
  const claimsDirect = createClaimRepository(db);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const prune = PRUNED_TABLES.map(([table, column]) =>
    db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ? LIMIT ?)`),
  );
  const triggerInstances: TriggerInstanceStore = {
    setStatus: (id, status) => writer.enqueue({ op: 'triggerInstances.setStatus', id, status }),
    get: async (id) => (await barrier(), instancesDirect.get(id)),
    list: async (filter) => (await barrier(), instancesDirect.list(filter)),
  };
  // Serialised when their batch is taken (write-ops.ts): a record changed after it was queued is written as it is
  // then, which is its latest state (the engine queues every change anyway).
  const executions: ExecutionStore = {
    insert: (r) => writer.enqueue({ op: 'executions.insert', record: r, ownership: ownership() }),
    update: (r) => writer.enqueue({ op: 'executions.update', record: r }),
    get: async (id) => (await barrier(), executionsDirect.get(id)),
    list: async (filter) => (await barrier(), executionsDirect.list(filter)),
  };
  const enforcements: EnforcementStore = {
    insert: (r) => writer.enqueue({ op: 'enforcements.insert', row: enforcementRow(r) }),
    get: async (id) => (await barrier(), enforcementsDirect.get(id)),
    list: async (filter) => (await barrier(), enforcementsDirect.list(filter)),
  };
  const claims: WorkClaims = {
    nodeId,
    leaseMs,
    async renew() {
      const { leaseUntil } = ownership();
      writer.enqueue({ op: 'claims.renew', owner: nodeId, leaseUntil });
      await barrier();
    },
    async claimInstances({ limit, all = false }) {
      await barrier();
      const now = Date.now();
      return claimsDirect.claimInstances(nodeId, now + leaseMs, now, limit, all);
    },
    async claimExecutions({ limit, all = false }) {
      await barrier();
      const now = Date.now();
      return claimsDirect.claimExecutions(nodeId, now + leaseMs, now, limit, all);
    },
    async hasEnforcements(id) {
      await barrier();
      return claimsDirect.hasEnforcements(id);
    },
  };
  const activity = {
    received: db.prepare<[string], { n: number }>(ACTIVITY_SQL.received),
    matched: db.prepare<[string], { n: number }>(ACTIVITY_SQL.matched),
    enforcements: db.prepare<[string], { status: string; n: number }>(ACTIVITY_SQL.enforcements),
    executions: db.prepare<[string], { status: string; n: number }>(ACTIVITY_SQL.executions),
  };
  let closed: Promise<void> | undefined;
  return {
    kind: 'sqlite',
    location: path,
    triggerInstances,
    executions,
    enforcements,
    apiKeys: asyncRepository(withKeyCache(createApiKeyRepository(db), () => dataVersion.get())),
    tokens: asyncRepository(createTokenRepository(db)),
    kv: asyncRepository(createKvRepository(db)),
    deliveries: asyncRepository(createDeliveryRepository(db)),
    claims,
    commit: (records) => writer.commit(records),
    durable: barrier,
    async prune(cutoff, batch) {
      await barrier();
      let deleted = 0;
      for (const statement of prune) deleted += statement.run(cutoff, batch).changes;
      return deleted;
    },
    async activity(sinceMs) {
      await barrier();
      const id = sinceId(sinceMs);
      const counts = { received: activity.received.get(id)?.n ?? 0, matched: activity.matched.get(id)?.n ?? 0 };
      return activityCounts(sinceMs, counts, activity.enforcements.all(id), activity.executions.all(id));
    },
    close() {
      return (closed ??= (async () => {
        // Let the queued batch commit through the event loop; close() then only waits for the thread to stop.
        await barrier().catch(() => undefined);
        writer.close();
        if (db.open) db.close();
      })());
    },
  };
}

// One entry point for every store location: a `postgres://` (or `postgresql://`) url opens the PostgreSQL store
// (several nodes on one database), anything else is an SQLite file (or `:memory:`).
export interface OpenAnyStoreOptions {
  nodeId?: string;
  leaseMs?: number;
  /** SQLite only: see OpenStoreOptions.writer. */
  writer?: 'worker' | 'inline';
}

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** A url is kept as given; a file path is made absolute. */
export function normaliseStoreLocation(location: string): string {
  return isPostgresUrl(location) || location === ':memory:' ? location : resolve(location);
}

export async function openAnyStore(location: string, options: OpenAnyStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded only when used: an SQLite user never loads pg.
    const { openPostgresStore } = await import('./postgres/index.ts');
    return openPostgresStore(location, {
      ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    });
  }
  return openStore(location, {
    ...(options.writer !== undefined ? { writer: options.writer } : {}),
    ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
}

export { migrations } from './migrations.ts';
export type { Migration } from './migrations.ts';
export { hashApiKey, generateApiKey } from './api-keys.ts';
export type { ApiKeyRecord, ApiKeyRepository } from './api-keys.ts';
export { DEFAULT_TOKEN_TTL_SECONDS } from './tokens.ts';
export type { TokenRecord, TokenRepository } from './tokens.ts';
export type { TriggerInstanceRecord, TriggerInstanceRepository, TriggerInstanceStatus } from './trigger-instances.ts';
export { newObjectId, isoMicros } from './ids.ts';
export type { KvRecord, KvRepository, KvScope } from './kv.ts';
export type { DeliveryRecord, DeliveryRepository } from './deliveries.ts';
export type * from './types.ts';
export type { ExecutionRecord, ExecutionStatus, ExecutionFilter } from './executions.ts';
export type { ActivityCounts } from './activity.ts';
export type { EnforcementRecord, EnforcementFilter } from './enforcements.ts';
export { pruneOnce, startRetention, parseRetention, DEFAULT_RETENTION_MS } from './retention.ts';
export { syncMode } from './sync-mode.ts';
export type { SyncMode } from './sync-mode.ts';
export { createEnforcementRepository, enforcementsMigration } from './enforcements.ts';
export { createExecutionRepository, executionsMigration } from './executions.ts';
