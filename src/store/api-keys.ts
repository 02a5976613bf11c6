// API keys (StackStorm's ApiKeyDB): only `sha512("saltnpepper" + key)` is stored, so keys exported from
// StackStorm (`key_hash`) import as they are and a leaked database does not leak usable keys.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { isoMicros, newObjectId } from './ids.ts';

export interface ApiKeyRecord {
  id: string;
  /** StackStorm's uid form `api_key:<key_hash>`. */
  uid: string;
  user: string;
  key_hash: string;
  enabled: boolean;
  created_at: string;
  metadata: Record<string, unknown>;
}

/** StackStorm's fixed-salt hash (`common/util/hash.py` `hash`). */
export function hashApiKey(key: string): string {
  return createHash('sha512').update(`saltnpepper${key}`).digest('hex');
}

const ALTCHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new key as StackStorm makes them (`generate_api_key`): the sha256 hex of 256 random bytes, base64-encoded
 * with a random pair of altchars in place of `+` and `/`, the trailing `==` stripped (86 characters).
 */
export function generateApiKey(): string {
  const hex = createHash('sha256').update(randomBytes(256)).digest('hex');
  const plus = ALTCHARS[randomInt(ALTCHARS.length)] ?? 'A';
  const slash = ALTCHARS[randomInt(ALTCHARS.length)] ?? 'B';
  return Buffer.from(hex).toString('base64').replaceAll('+', plus).replaceAll('/', slash).replace(/=+$/, '');
}

export interface ApiKeyRepository {
  /** Creates a key for `user`; the plain key is returned once and never stored. */
  create(user: string, metadata?: Record<string, unknown>): { key: string; record: ApiKeyRecord };
  /** Stores a hash exported from StackStorm (or made with hashApiKey). */
  importHash(keyHash: string, user: string, enabled?: boolean): ApiKeyRecord;
  getByHash(keyHash: string): ApiKeyRecord | undefined;
  get(idOrHash: string): ApiKeyRecord | undefined;
  list(): ApiKeyRecord[];
  setEnabled(id: string, enabled: boolean): boolean;
  delete(id: string): boolean;
  count(): number;
}

interface Row {
  id: string;
  key_hash: string;
  user: string;
  enabled: number;
  created_at: string;
  metadata: string;
}

const fromRow = (row: Row): ApiKeyRecord => ({
  id: row.id,
  uid: `api_key:${row.key_hash}`,
  user: row.user,
  key_hash: row.key_hash,
  enabled: row.enabled === 1,
  created_at: row.created_at,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
});

export function createApiKeyRepository(db: Database): ApiKeyRepository {
  const insert = db.prepare(
    'INSERT INTO api_keys (id, key_hash, user, enabled, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_hash = ?');
  const byIdOrHash = db.prepare<[string, string], Row>('SELECT * FROM api_keys WHERE id = ? OR key_hash = ?');
  const all = db.prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, id');
  const enable = db.prepare('UPDATE api_keys SET enabled = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM api_keys WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_keys');
  const add = (keyHash: string, user: string, enabled: boolean, metadata: Record<string, unknown>): ApiKeyRecord => {
    const id = newObjectId();
    insert.run(id, keyHash, user, enabled ? 1 : 0, isoMicros(Date.now()), JSON.stringify(metadata));
    return fromRow(byHash.get(keyHash) as Row);
  };
  return {
    create(user, metadata = {}) {
      const key = generateApiKey();
      return { key, record: add(hashApiKey(key), user, true, metadata) };
    },
    importHash(keyHash, user, enabled = true) {
      if (!/^[0-9a-f]{128}$/.test(keyHash)) throw new Error('key_hash must be 128 lower-case hex digits (sha512)');
      return add(keyHash, user, enabled, {});
    },
    getByHash(keyHash) {
      const row = byHash.get(keyHash);
      return row ? fromRow(row) : undefined;
    },
    get(idOrHash) {
      const row = byIdOrHash.get(idOrHash, idOrHash);
      return row ? fromRow(row) : undefined;
    },
    list: () => all.all().map(fromRow),
    setEnabled: (id, enabled) => enable.run(enabled ? 1 : 0, id).changes > 0,
    delete: (id) => remove.run(id).changes > 0,
    count: () => count.get()?.n ?? 0,
  };
}

/**
 * getByHash answered from memory while the database is unchanged (a SELECT per request was ~5 µs of a webhook's
 * budget). `changes()` is SQLite's `PRAGMA data_version`, which moves whenever another connection (another
 * `rules` process: `rules apikey disable`) commits; this connection's own key writes go through here and empty
 * the cache. So a key disabled or deleted anywhere is refused on its next use, as without the cache.
 * Only found keys are kept, at most 1,024, oldest first out.
 */
export function withKeyCache(repository: ApiKeyRepository, changes: () => unknown): ApiKeyRepository {
  const cache = new Map<string, ApiKeyRecord>();
  let seen = changes();
  const written =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      cache.clear();
      return fn(...args);
    };
  return {
    ...repository,
    getByHash(keyHash) {
      const now = changes();
      if (now !== seen) {
        cache.clear();
        seen = now;
      }
      const hit = cache.get(keyHash);
      if (hit) return hit;
      const record = repository.getByHash(keyHash);
      if (record) {
        if (cache.size >= 1024) cache.delete(cache.keys().next().value as string);
        cache.set(keyHash, record);
      }
      return record;
    },
    create: written((user: string, metadata?: Record<string, unknown>) => repository.create(user, metadata)),
    importHash: written((keyHash: string, user: string, enabled?: boolean) =>
      repository.importHash(keyHash, user, enabled),
    ),
    setEnabled: written((id: string, enabled: boolean) => repository.setEnabled(id, enabled)),
    delete: written((id: string) => repository.delete(id)),
  };
}
