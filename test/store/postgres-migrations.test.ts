// PostgreSQL migrations: recorded by name, idempotent on reopen, safe when several nodes open at once, and the
// tables match the shared description column for column.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresMigrations } from '../../src/store/postgres/index.ts';
import { tables } from '../../src/store/schema/index.ts';
import { createTestSchema, skipWithoutPostgres } from './_postgres.ts';
import type { TestSchema } from './_postgres.ts';

describe('postgres store: migrations', { skip: skipWithoutPostgres }, () => {
  let db: TestSchema;
  before(async () => {
    db = await createTestSchema();
  });
  after(() => db?.drop());

  it('several stores opening a fresh database at once apply each migration exactly once', async () => {
    const stores = await Promise.all(Array.from({ length: 5 }, (_, i) => db.open({ nodeId: `m${i}`, poolSize: 2 })));
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    assert.deepEqual(
      rows.map((r) => r.name),
      postgresMigrations.map((m) => m.name),
    );
    await Promise.all(stores.map((s) => s.close()));
  });

  it('reopening runs nothing again and keeps the data', async () => {
    const first = await db.open({ nodeId: 'x' });
    await first.kv.set({ name: 'kept', value: '1' });
    await first.close();
    const again = await db.open({ nodeId: 'y' });
    assert.equal((await again.kv.get('kept'))?.value, '1');
    assert.equal((await db.query('SELECT 1 FROM schema_migrations')).rowCount, postgresMigrations.length);
    await again.close();
  });

  it('creates every described table, column, nullability and index', async () => {
    const cols = await db.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      'SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position',
      [db.schema],
    );
    const types = {
      text: 'text',
      integer: 'integer',
      bigint: 'bigint',
      json: 'json',
      boolean: 'boolean',
      serial: 'bigint',
    } as const;
    for (const t of tables) {
      const actual = cols.rows
        .filter((r) => r.table_name === t.name)
        .map((r) => [r.column_name, r.data_type, r.is_nullable]);
      const expected = t.columns.map((c) => [
        c.name,
        types[c.type],
        c.notNull || c.primaryKey || t.primaryKey?.includes(c.name) || c.type === 'serial' ? 'NO' : 'YES',
      ]);
      assert.deepEqual(actual, expected, t.name);
    }
    const indexes = await db.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [
      db.schema,
    ]);
    const names = new Set(indexes.rows.map((r) => r.indexname));
    for (const i of tables.flatMap((t) => t.indexes ?? [])) assert.ok(names.has(i.name), i.name);
  });
});
