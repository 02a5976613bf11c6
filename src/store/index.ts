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
import { createGroupCommit } from './group-commit.ts';
import type { GroupCommit } from './group-commit.ts';

export interface Store {
  readonly path: string;
  readonly db: Database;
  readonly triggerInstances: TriggerInstanceRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly tokens: TokenRepository;
  readonly executions: ExecutionRepository;
  readonly enforcements: EnforcementRepository;
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
export function openStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk when it returns, so a 202 is never answered for a row a crash could lose.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const direct = createTriggerInstanceRepository(db);
  const commits = createGroupCommit(db, direct, (error) => process.emitWarning(`store: a deferred write failed: ${String(error)}`));
  // Processing writes join the next group commit instead of paying a WAL sync each; reads flush first so
  // they always see them. Only the trigger instance insert is awaited (durable on accept).
  const triggerInstances: TriggerInstanceRepository = {
    insertMany: (records) => direct.insertMany(records),
    setStatus: (id, status) => commits.defer(() => direct.setStatus(id, status)),
    get: (id) => (commits.flush(), direct.get(id)),
    list: (filter) => (commits.flush(), direct.list(filter)),
  };
  const executionsDirect = createExecutionRepository(db);
  const executions: ExecutionRepository = {
    insert: (r) => commits.defer(() => executionsDirect.insert(structuredClone(r))),
    update: (r) => commits.defer(() => executionsDirect.update(structuredClone(r))),
    get: (id) => (commits.flush(), executionsDirect.get(id)),
    list: (filter) => (commits.flush(), executionsDirect.list(filter)),
  };
  const enforcementsDirect = createEnforcementRepository(db);
  const enforcements: EnforcementRepository = {
    insert: (r) => commits.defer(() => enforcementsDirect.insert(structuredClone(r))),
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
    commits,
    close() {
      commits.flush();
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
