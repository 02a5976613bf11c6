// Auth tokens on PostgreSQL: looked up by exact string; the caller compares expiryMs with now, as on SQLite.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../tokens.ts';
import type { TokenRecord } from '../tokens.ts';
import { isoMicros, newObjectId } from '../ids.ts';
import type { TokenStore } from '../types.ts';

interface Row {
  id: string;
  token: string;
  user: string;
  expiry: string;
  expiry_ms: number;
  metadata: Record<string, unknown>;
}

export function createTokenStore(pool: Pool): TokenStore {
  return {
    async create({
      user,
      ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
      token = randomUUID().replaceAll('-', ''),
      now = Date.now(),
    }) {
      const expiryMs = now + ttlSeconds * 1000;
      const record: TokenRecord = {
        id: newObjectId(now),
        user,
        token,
        expiry: isoMicros(expiryMs),
        expiryMs,
        metadata: {},
      };
      await pool.query(
        'INSERT INTO tokens (id, token, "user", expiry, expiry_ms, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        [record.id, token, user, record.expiry, expiryMs, '{}'],
      );
      return record;
    },
    async get(token) {
      const { rows } = await pool.query<Row>(
        'SELECT id, token, "user", expiry, expiry_ms, metadata FROM tokens WHERE token = $1',
        [token],
      );
      const row = rows[0];
      return row
        ? {
            id: row.id,
            user: row.user,
            token: row.token,
            expiry: row.expiry,
            expiryMs: row.expiry_ms,
            metadata: row.metadata,
          }
        : undefined;
    },
    delete: async (token) => ((await pool.query('DELETE FROM tokens WHERE token = $1', [token])).rowCount ?? 0) > 0,
  };
}
