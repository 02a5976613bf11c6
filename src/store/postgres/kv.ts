// st2kv on PostgreSQL: the same scopes, owners and expiry as SQLite's kv.ts; expired keys are invisible to reads.
import type { Pool } from 'pg';
import { kvRecordFromRow } from '../kv.ts';
import type { KvScope } from '../kv.ts';
import type { KvStore } from '../types.ts';

interface Row {
  scope: KvScope;
  user: string;
  name: string;
  value: string;
  secret: boolean;
  expire_ms: number | null;
}

const ownerOf = (scope: KvScope, user: string | undefined): string => (scope === 'user' ? (user ?? 'admin') : '');
const COLUMNS = 'scope, "user", name, value, secret, expire_ms';
// COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
const LIVE = `SELECT ${COLUMNS} FROM kv WHERE (expire_ms IS NULL OR expire_ms > $1) ORDER BY scope COLLATE "C", "user" COLLATE "C", name COLLATE "C"`;

export function createKvStore(pool: Pool): KvStore {
  const live = async (now: number): Promise<Row[]> => (await pool.query<Row>(LIVE, [now])).rows;
  return {
    async set({ name, value, scope = 'system', user, secret = false, ttlSeconds, now = Date.now() }) {
      const expireMs = ttlSeconds === undefined ? null : now + ttlSeconds * 1000;
      const owner = ownerOf(scope, user);
      await pool.query(
        `INSERT INTO kv (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, "user", name) DO UPDATE SET value = excluded.value, secret = excluded.secret, expire_ms = excluded.expire_ms`,
        [scope, owner, name, value, secret, expireMs],
      );
      return kvRecordFromRow({ scope, user: owner, name, value, secret, expire_ms: expireMs });
    },
    async get(name, { scope = 'system', user, now = Date.now() } = {}) {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM kv WHERE scope = $1 AND "user" = $2 AND name = $3 AND (expire_ms IS NULL OR expire_ms > $4)`,
        [scope, ownerOf(scope, user), name, now],
      );
      return rows[0] ? kvRecordFromRow(rows[0]) : undefined;
    },
    async list({ scope, user, now = Date.now() } = {}) {
      return (await live(now))
        .filter(
          (r) =>
            (scope === undefined || r.scope === scope) && (user === undefined || r.scope !== 'user' || r.user === user),
        )
        .map(kvRecordFromRow);
    },
    async delete(name, { scope = 'system', user } = {}) {
      await pool.query('DELETE FROM kv WHERE expire_ms IS NOT NULL AND expire_ms <= $1', [Date.now()]);
      return (
        ((
          await pool.query('DELETE FROM kv WHERE scope = $1 AND "user" = $2 AND name = $3', [
            scope,
            ownerOf(scope, user),
            name,
          ])
        ).rowCount ?? 0) > 0
      );
    },
    async snapshot(user = 'admin', now = Date.now()) {
      // Null-prototype maps: key names come from operators, and templates read them by name.
      const system = Object.create(null) as Record<string, unknown>;
      const users = Object.create(null) as Record<string, unknown>;
      for (const row of await live(now)) {
        if (row.scope === 'system') system[row.name] = row.value;
        else if (row.user === user) users[row.name] = row.value;
      }
      return { system, user: users };
    },
  };
}
