// Auth tokens (StackStorm's TokenDB): looked up by exact string, expired when `expiry <= now`.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../model/index.ts';
import { isoMicros, newObjectId } from './ids.ts';

export { DEFAULT_TOKEN_TTL_SECONDS };

export interface TokenRecord {
  id: string;
  user: string;
  token: string;
  /** `2016-05-28T12:39:28.650231Z` style. */
  expiry: string;
  expiryMs: number;
  metadata: Record<string, unknown>;
}

export interface TokenRepository {
  /** A new token (uuid4 hex, as st2auth makes them) or the given one, valid for `ttlSeconds`. */
  create(input: { user: string; ttlSeconds?: number; token?: string; now?: number }): TokenRecord;
  get(token: string): TokenRecord | undefined;
  delete(token: string): boolean;
}

interface Row {
  id: string;
  token: string;
  user: string;
  expiry: string;
  expiry_ms: number;
  metadata: string;
}

export function createTokenRepository(db: Database): TokenRepository {
  const insert = db.prepare(
    'INSERT INTO tokens (id, token, user, expiry, expiry_ms, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM tokens WHERE token = ?');
  const remove = db.prepare('DELETE FROM tokens WHERE token = ?');
  return {
    create({
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
      insert.run(record.id, token, user, record.expiry, expiryMs, '{}');
      return record;
    },
    get(token) {
      const row = get.get(token);
      if (!row) return undefined;
      return {
        id: row.id,
        user: row.user,
        token: row.token,
        expiry: row.expiry,
        expiryMs: row.expiry_ms,
        metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      };
    },
    delete: (token) => remove.run(token).changes > 0,
  };
}
