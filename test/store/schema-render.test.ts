// The neutral schema rendered for SQLite matches what main's migrations create (PRAGMA table_info, indexes) and
// accepts the same rows; the PostgreSQL rendering covers the same tables and columns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrations } from '../../src/store/migrations.ts';
import { renderPostgres, renderSqlite, tables } from '../../src/store/schema/index.ts';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

function migratedByMain(): Database {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations) db.exec(m.sql);
  return db;
}

function rendered(): Database {
  const db = new BetterSqlite3(':memory:');
  db.exec(renderSqlite(tables));
  return db;
}

const columns = (db: Database, table: string): ColumnInfo[] =>
  db.prepare<[], ColumnInfo>(`SELECT * FROM pragma_table_info('${table}')`).all();
// Columns the description has and main's migrations don't (none since durability-002-work-ownership).
const NEW_COLUMNS: Record<string, string[]> = {};

function uniqueIndexes(db: Database, table: string): string[] {
  const list = db
    .prepare<[], { name: string; unique: number }>(`SELECT name, "unique" FROM pragma_index_list('${table}')`)
    .all();
  return list
    .filter((i) => i.unique === 1)
    .map((i) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_index_info('${i.name}')`)
        .all()
        .map((c) => c.name)
        .join(','),
    )
    .sort();
}

const indexedColumns = (db: Database, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_index_list('${table}')`)
    .all()
    .map(
      (i) =>
        `${i.name.startsWith('sqlite_autoindex') ? 'auto' : ''}:${db
          .prepare<[], { name: string }>(`SELECT name FROM pragma_index_info('${i.name}')`)
          .all()
          .map((c) => c.name)
          .join(',')}`,
    )
    .sort();

describe('schema description', () => {
  it('renders for SQLite the tables, columns, types, keys, defaults and indexes main migrations create', () => {
    const main = migratedByMain();
    const ours = rendered();
    const mainTables = main
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    assert.deepEqual([...mainTables].sort(), tables.map((t) => t.name).sort());
    for (const table of mainTables) {
      const extra = NEW_COLUMNS[table] ?? [];
      const ourColumns = columns(ours, table);
      assert.deepEqual(
        ourColumns.filter((c) => !extra.includes(c.name)),
        columns(main, table),
        table,
      );
      assert.deepEqual(
        ourColumns.filter((c) => extra.includes(c.name)).map((c) => c.name),
        extra,
        `${table}: ownership columns`,
      );
      assert.deepEqual(uniqueIndexes(ours, table), uniqueIndexes(main, table), `${table}: unique indexes`);
      assert.deepEqual(indexedColumns(ours, table), indexedColumns(main, table), `${table}: indexes`);
    }
  });

  it('the SQLite rendering accepts the rows main accepts and rejects what main rejects', () => {
    const rows: Array<[string, Record<string, unknown>]> = [
      [
        'trigger_instances',
        {
          id: 'ti1',
          trigger: 'core.x',
          payload: '{"b":1,"a":2}',
          occurrence_time: '2026-01-01T00:00:00.000000Z',
          status: 'pending',
          trace_tag: 't',
        },
      ],
      ['api_keys', { id: 'k1', key_hash: 'h', user: 'stanley', enabled: 1, created_at: 'c' }],
      ['tokens', { id: 't1', token: 'tok', user: 'stanley', expiry: 'e', expiry_ms: 1_800_000_000_000 }],
      [
        'executions',
        {
          id: 'e1',
          action_ref: 'core.local',
          rule_ref: null,
          trigger_instance_id: 'ti1',
          status: 'requested',
          start_timestamp: 's',
          end_timestamp: null,
          record: '{}',
        },
      ],
      [
        'rule_enforcements',
        {
          id: 'r1',
          trigger_instance_id: 'ti1',
          execution_id: 'e1',
          rule_ref: 'p.r',
          status: 'succeeded',
          enforced_at: 'x',
          record: '{}',
        },
      ],
      ['kv', { scope: 'user', user: 'alice', name: 'k', value: 'v', secret: 1, expire_ms: 5 }],
      ['kv', { scope: 'system', name: 'k', value: 'v' }],
      ['deliveries', { hook: 'h', delivery_id: 'd', trigger_instance_id: 'ti1', received_at: 1_800_000_000_000 }],
    ];
    const rejected: Array<[string, Record<string, unknown>]> = [
      [
        'rule_enforcements',
        { id: 'r2', trigger_instance_id: 'ti1', rule_ref: 'p.r', status: 'succeeded', enforced_at: 'x', record: '{}' },
      ],
      ['kv', { scope: 'global', name: 'k2', value: 'v' }],
      [
        'trigger_instances',
        { id: 'ti1', trigger: 'core.x', payload: '{}', occurrence_time: 'o', status: 'pending', trace_tag: 't' },
      ],
      ['tokens', { id: 't2', token: 'tok2', expiry: 'e', expiry_ms: 1 }],
    ];
    const insert = (db: Database, table: string, row: Record<string, unknown>): void => {
      const names = Object.keys(row);
      db.prepare(
        `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ).run(...Object.values(row));
    };
    const dbs = [migratedByMain(), rendered()] as const;
    for (const db of dbs) {
      for (const [table, row] of rows) insert(db, table, row);
      for (const [table, row] of rejected)
        assert.throws(() => insert(db, table, row), /constraint/i, `${table} ${JSON.stringify(row)}`);
    }
    for (const table of tables) {
      const extra = NEW_COLUMNS[table.name] ?? [];
      const read = (db: Database): unknown[] =>
        db
          .prepare<[], Record<string, unknown>>(`SELECT * FROM ${table.name} ORDER BY rowid`)
          .all()
          .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !extra.includes(k))));
      assert.deepEqual(read(dbs[1]), read(dbs[0]), table.name);
    }
  });

  it('renders for PostgreSQL every table and column, with identity columns where SQLite has a rowid', () => {
    const ddl = renderPostgres(tables).join(';\n');
    for (const t of tables) {
      assert.match(ddl, new RegExp(`CREATE TABLE IF NOT EXISTS "${t.name}"`));
      for (const c of t.columns) assert.ok(ddl.includes(`"${c.name}"`), `${t.name}.${c.name}`);
    }
    assert.match(ddl, /"seq" BIGINT GENERATED ALWAYS AS IDENTITY/);
    assert.match(
      ddl,
      /CREATE UNIQUE INDEX IF NOT EXISTS "rule_enforcements_instance_rule" ON "rule_enforcements" \("trigger_instance_id", "rule_ref"\)/,
    );
    assert.match(ddl, /"enabled" BOOLEAN NOT NULL DEFAULT TRUE/);
    assert.match(ddl, /"metadata" JSON NOT NULL DEFAULT '\{\}'::json/);
    assert.match(ddl, /"lease_until" BIGINT/);
  });
});
