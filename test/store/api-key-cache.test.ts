// The API key lookup is answered from memory while the database is unchanged, and never outlives a change:
// a key disabled or deleted by another process (its own connection) or through this store is refused next time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { createApiKeyRepository, hashApiKey, withKeyCache } from '../../src/store/api-keys.ts';

describe('API key cache', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-key-cache-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('serves repeated lookups from memory until the data version moves or this store writes a key', () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE TABLE api_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, user TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}')",
    );
    const repo = createApiKeyRepository(db);
    let reads = 0;
    const counting = { ...repo, getByHash: (h: string) => ((reads += 1), repo.getByHash(h)) };
    let version = 1;
    const cached = withKeyCache(counting, () => version);
    const { key, record } = cached.create('ops');
    const hash = hashApiKey(key);
    assert.equal(cached.getByHash(hash)?.id, record.id);
    assert.equal(cached.getByHash(hash)?.id, record.id);
    assert.equal(reads, 1, 'the second lookup came from memory');
    version = 2; // another connection committed
    assert.equal(cached.getByHash(hash)?.enabled, true);
    assert.equal(reads, 2);
    cached.setEnabled(record.id, false);
    assert.equal(cached.getByHash(hash)?.enabled, false, "this store's own write empties the cache");
    cached.delete(record.id);
    assert.equal(cached.getByHash(hash), undefined);
    // Unknown keys are not remembered: every miss goes to the database.
    const missesBefore: number = reads;
    cached.getByHash('0'.repeat(128));
    cached.getByHash('0'.repeat(128));
    assert.equal(reads, missesBefore + 2);
    db.close();
  });

  it('a key disabled, then deleted, by another connection is refused on its next use', async () => {
    const path = join(dir, 'keys.db');
    const store = openStore(path, { writer: 'inline' });
    const { key, record } = await store.apiKeys.create('ops');
    const hash = hashApiKey(key);
    assert.equal((await store.apiKeys.getByHash(hash))?.enabled, true);
    assert.equal((await store.apiKeys.getByHash(hash))?.enabled, true);
    const other = new Database(path);
    other.prepare('UPDATE api_keys SET enabled = 0 WHERE id = ?').run(record.id);
    assert.equal((await store.apiKeys.getByHash(hash))?.enabled, false);
    other.prepare('DELETE FROM api_keys WHERE id = ?').run(record.id);
    assert.equal(await store.apiKeys.getByHash(hash), undefined);
    other.close();
    await store.close();
  });
});
