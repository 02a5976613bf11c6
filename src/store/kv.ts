// StackStorm's key-value datastore (st2kv): keys per scope (`system`, or `user` owned by one user), optional
// expiry. Expired keys are invisible to every read, like StackStorm's TTL index that drops them.
import type { Database } from 'better-sqlite3';

export const kvMigration = {
  name: 'datastore-001-kv',
  sql: `
CREATE TABLE IF NOT EXISTS kv (
  scope TEXT NOT NULL CHECK (scope IN ('system', 'user')),
  user TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  secret INTEGER NOT NULL DEFAULT 0,
  expire_ms INTEGER,
  PRIMARY KEY (scope, user, name)
);
`,
};

export type KvScope = 'system' | 'user';

export interface KvRecord {
  name: string;
  value: string;
  scope: KvScope;
  /** The owner of a `user` scope key; undefined for `system`. */
  user?: string;
  secret: boolean;
  /** ISO time after which the key is gone. */
  expire_timestamp?: string;
}

export interface KvKey {
  scope?: KvScope;
  user?: string;
}

export interface KvRepository {
  /** Creates or replaces; `ttlSeconds` sets the expiry from `now`. */
  set(input: {
    name: string;
    value: string;
    scope?: KvScope;
    user?: string;
    secret?: boolean;
    ttlSeconds?: number;
    now?: number;
  }): KvRecord;
  get(name: string, key?: KvKey & { now?: number }): KvRecord | undefined;
  list(filter?: { scope?: KvScope; user?: string; now?: number }): KvRecord[];
  delete(name: string, key?: KvKey): boolean;
  /** `{ system: {name: value}, user: {name: value} }` for templates (`st2kv.system.k`, `st2kv.user.k`). */
  snapshot(user?: string, now?: number): { system: Record<string, unknown>; user: Record<string, unknown> };
}

interface Row {
  scope: KvScope;
  user: string;
  name: string;
  value: string;
  secret: number;
  expire_ms: number | null;
}

/** A stored row as the API shows it; `secret` is 0/1 in SQLite and a boolean in PostgreSQL. */
export function kvRecordFromRow(row: Omit<Row, 'secret'> & { secret: number | boolean }): KvRecord {
  return {
    name: row.name,
    value: row.value,
    scope: row.scope,
    ...(row.scope === 'user' ? { user: row.user } : {}),
    secret: row.secret === 1 || row.secret === true,
    ...(row.expire_ms !== null ? { expire_timestamp: new Date(row.expire_ms).toISOString() } : {}),
  };
}

const ownerOf = (scope: KvScope, user: string | undefined): string => (scope === 'user' ? (user ?? 'admin') : '');

export function createKvRepository(db: Database): KvRepository {
  const upsert = db.prepare(
    'INSERT INTO kv (scope, user, name, value, secret, expire_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, user, name) DO UPDATE SET value = excluded.value, secret = excluded.secret, expire_ms = excluded.expire_ms',
  );
  const live = '(expire_ms IS NULL OR expire_ms > ?)';
  const getOne = db.prepare<[KvScope, string, string, number], Row>(
    `SELECT * FROM kv WHERE scope = ? AND user = ? AND name = ? AND ${live}`,
  );
  const listAll = db.prepare<[number], Row>(`SELECT * FROM kv WHERE ${live} ORDER BY scope, user, name`);
  const remove = db.prepare('DELETE FROM kv WHERE scope = ? AND user = ? AND name = ?');
  const purge = db.prepare('DELETE FROM kv WHERE expire_ms IS NOT NULL AND expire_ms <= ?');
  return {
    set({ name, value, scope = 'system', user, secret = false, ttlSeconds, now = Date.now() }) {
      const expireMs = ttlSeconds === undefined ? null : now + ttlSeconds * 1000;
      const owner = ownerOf(scope, user);
      upsert.run(scope, owner, name, value, secret ? 1 : 0, expireMs);
      return kvRecordFromRow({ scope, user: owner, name, value, secret: secret ? 1 : 0, expire_ms: expireMs });
    },
    get(name, { scope = 'system', user, now = Date.now() } = {}) {
      const row = getOne.get(scope, ownerOf(scope, user), name, now);
      return row ? kvRecordFromRow(row) : undefined;
    },
    list({ scope, user, now = Date.now() } = {}) {
      return listAll
        .all(now)
        .filter(
          (r) =>
            (scope === undefined || r.scope === scope) && (user === undefined || r.scope !== 'user' || r.user === user),
        )
        .map(kvRecordFromRow);
    },
    delete(name, { scope = 'system', user } = {}) {
      purge.run(Date.now());
      return remove.run(scope, ownerOf(scope, user), name).changes > 0;
    },
    snapshot(user = 'admin', now = Date.now()) {
      // Null-prototype maps: key names come from operators, and templates read them by name.
      const system = Object.create(null) as Record<string, unknown>;
      const users = Object.create(null) as Record<string, unknown>;
      for (const row of listAll.all(now)) {
        if (row.scope === 'system') system[row.name] = row.value;
        else if (row.user === user) users[row.name] = row.value;
      }
      return { system, user: users };
    },
  };
}
