// API keys on PostgreSQL: the same StackStorm hash format as SQLite (only sha512("saltnpepper" + key) stored).
import type { Pool } from 'pg';
import type { ApiKeyRecord } from '../api-keys.ts';
import { generateApiKey, hashApiKey } from '../api-keys.ts';
import { isoMicros, newObjectId } from '../ids.ts';
import type { ApiKeyStore } from '../types.ts';

interface Row {
  id: string;
  key_hash: string;
  user: string;
  enabled: boolean;
  created_at: string;
  metadata: Record<string, unknown>;
}

const COLUMNS = 'id, key_hash, "user", enabled, created_at, metadata';

const fromRow = (row: Row): ApiKeyRecord => ({
  id: row.id,
  uid: `api_key:${row.key_hash}`,
  user: row.user,
  key_hash: row.key_hash,
  enabled: row.enabled,
  created_at: row.created_at,
  metadata: row.metadata,
});

export function createApiKeyStore(pool: Pool): ApiKeyStore {
  const add = async (
    keyHash: string,
    user: string,
    enabled: boolean,
    metadata: Record<string, unknown>,
  ): Promise<ApiKeyRecord> => {
    const { rows } = await pool.query<Row>(
      `INSERT INTO api_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [newObjectId(), keyHash, user, enabled, isoMicros(Date.now()), JSON.stringify(metadata)],
    );
    return fromRow(rows[0] as Row);
  };
  const one = async (sql: string, params: unknown[]): Promise<ApiKeyRecord | undefined> => {
    const { rows } = await pool.query<Row>(sql, params);
    return rows[0] ? fromRow(rows[0]) : undefined;
  };
  return {
    async create(user, metadata = {}) {
      const key = generateApiKey();
      return { key, record: await add(hashApiKey(key), user, true, metadata) };
    },
    async importHash(keyHash, user, enabled = true) {
      if (!/^[0-9a-f]{128}$/.test(keyHash)) throw new Error('key_hash must be 128 lower-case hex digits (sha512)');
      return add(keyHash, user, enabled, {});
    },
    getByHash: (keyHash) => one(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [keyHash]),
    get: (idOrHash) => one(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 OR key_hash = $1`, [idOrHash]),
    async list() {
      // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at COLLATE "C", id COLLATE "C"`,
      );
      return rows.map(fromRow);
    },
    setEnabled: async (id, enabled) =>
      ((await pool.query('UPDATE api_keys SET enabled = $1 WHERE id = $2', [enabled, id])).rowCount ?? 0) > 0,
    delete: async (id) => ((await pool.query('DELETE FROM api_keys WHERE id = $1', [id])).rowCount ?? 0) > 0,
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*) AS n FROM api_keys');
      return rows[0]?.n ?? 0;
    },
  };
}
