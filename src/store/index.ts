// The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, migrated on open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrations } from './migrations.ts';
import type { Migration } from './migrations.ts';
import { createTriggerInstanceRepository } from './trigger-instances.ts';
import type { TriggerInstanceRepository } from './trigger-instances.ts';
import { createApiKeyRepository } from './api-keys.ts';
import type { ApiKeyRepository } from './api-keys.ts';
import { createTokenRepository } from './tokens.ts';
import type { TokenRepository } from './tokens.ts';
import { createExecutionRepository } from './executions.ts';
import type { ExecutionRepository } from './executions.ts';
import { createEnforcementRepository } from './enforcements.ts';
import type { EnforcementRepository } from './enforcements.ts';
import { createKvRepository } from './kv.ts';
import type { KvRepository } from './kv.ts';
import { createDeliveryRepository } from './deliveries.ts';
import type { DeliveryRepository } from './deliveries.ts';
import { createGroupCommit } from './group-commit.ts';
import type { GroupCommit } from './group-commit.ts';
import { createWorkerWriter } from './worker-group-commit.ts';
import { createOpApplier } from './write-ops.ts';
import type { WriteOp } from './write-ops.ts';

export interface Store {
  readonly path: string;
  readonly db: Database;
  readonly triggerInstances: TriggerInstanceRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly tokens: TokenRepository;
  readonly executions: ExecutionRepository;
  readonly enforcements: EnforcementRepository;
  /** StackStorm's key-value datastore (st2kv). */
  readonly kv: KvRepository;
  /** Accepted webhook delivery ids (dedupe). */
  readonly deliveries: DeliveryRepository;
  /** Batched durable insert of trigger instances (see group-commit.ts). */
  readonly commits: GroupCommit;
  close(): void;
}

/** Runs the migrations not yet recorded, each in its own transaction, in list order. */
export function migrate(db: Database, list: readonly Migration[] = migrations): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare<[], { name: string }>('SELECT name FROM schema_migrations').all().map((r) => r.name));
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

/**
 * Opens (creating it and its directory when needed) and migrates a store.
 * @example const store = openStore(':memory:')
 */
export interface OpenStoreOptions {
  /**
   * Where durable writes run. `worker` (default for a file store): a writer thread with its own connection
   * commits the batches, so fsync never blocks the event loop. `inline`: on this thread (always for
   * `:memory:`, which another connection cannot see). Env `RULES_STORE_WRITER=inline` forces inline.
   */
  writer?: 'worker' | 'inline';
}

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk when it returns, so a 202 is never answered for a row a crash could lose.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const direct = createTriggerInstanceRepository(db);
  const executionsDirect = createExecutionRepository(db);
  const enforcementsDirect = createEnforcementRepository(db);
  const onDeferredError = (error: unknown): void => process.emitWarning(`store: a deferred write failed: ${String(error)}`);
  const mode = path === ':memory:' ? 'inline' : (options.writer ?? (process.env['RULES_STORE_WRITER'] === 'inline' ? 'inline' : 'worker'));
  let commits: GroupCommit;
  let enqueue: (op: WriteOp) => void;
  let closeWriter: () => void;
  if (mode === 'worker') {
    const writer = createWorkerWriter(path, onDeferredError);
    commits = {
      commit: (records) => writer.commit(records),
      // Closures cannot cross to the writer thread: they run on this connection after the queued batches.
      defer: (write) =>
        setImmediate(() => {
          writer.flush();
          try {
            db.transaction(write)();
          } catch (error) {
            onDeferredError(error);
          }
        }),
      flush: () => writer.flush(),
    };
    enqueue = (op) => writer.enqueue(op);
    closeWriter = () => writer.close();
  } else {
    commits = createGroupCommit(db, direct, onDeferredError);
    const applier = createOpApplier(db);
    enqueue = (op) => commits.defer(() => applier.apply(op));
    closeWriter = () => commits.flush();
  }
  // Processing writes join the next group commit instead of paying a WAL sync each; reads flush first so
  // they always see them. Only the trigger instance insert is awaited (durable on accept).
  const triggerInstances: TriggerInstanceRepository = {
    insertMany: (records) => direct.insertMany(records),
    setStatus: (id, status) => enqueue({ op: 'triggerInstances.setStatus', id, status }),
    get: (id) => (commits.flush(), direct.get(id)),
    list: (filter) => (commits.flush(), direct.list(filter)),
  };
  // Snapshots: callers may keep mutating their record after handing it over.
  const executions: ExecutionRepository = {
    insert: (r) => enqueue({ op: 'executions.insert', record: structuredClone(r) }),
    update: (r) => enqueue({ op: 'executions.update', record: structuredClone(r) }),
    get: (id) => (commits.flush(), executionsDirect.get(id)),
    list: (filter) => (commits.flush(), executionsDirect.list(filter)),
  };
  const enforcements: EnforcementRepository = {
    insert: (r) => enqueue({ op: 'enforcements.insert', record: structuredClone(r) }),
    get: (id) => (commits.flush(), enforcementsDirect.get(id)),
    list: (filter) => (commits.flush(), enforcementsDirect.list(filter)),
  };
  return {
    path,
    db,
    triggerInstances,
    apiKeys: createApiKeyRepository(db),
    tokens: createTokenRepository(db),
    executions,
    enforcements,
    kv: createKvRepository(db),
    deliveries: createDeliveryRepository(db),
    commits,
    close() {
      closeWriter();
      if (db.open) db.close();
    },
  };
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
