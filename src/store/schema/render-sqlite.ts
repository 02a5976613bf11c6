// SQLite DDL from the neutral description: the types main's migrations use (TEXT, INTEGER), booleans as 0/1,
// JSON as TEXT, `serial` as INTEGER PRIMARY KEY AUTOINCREMENT (or SQLite's implicit rowid, see tables.ts).
import type { Column, Table } from './tables.ts';
import { ident, literal } from './quote.ts';

const TYPES = {
  text: 'TEXT',
  integer: 'INTEGER',
  bigint: 'INTEGER',
  json: 'TEXT',
  boolean: 'INTEGER',
  serial: 'INTEGER',
} as const;

function defaultValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'number' ? String(value) : literal(value);
}

function column(c: Column): string {
  const parts = [ident(c.name), TYPES[c.type]];
  if (c.primaryKey) parts.push(c.type === 'serial' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
  if (c.notNull) parts.push('NOT NULL');
  if (c.unique) parts.push('UNIQUE');
  if (c.default !== undefined) parts.push(`DEFAULT ${defaultValue(c.default)}`);
  if (c.oneOf) parts.push(`CHECK (${ident(c.name)} IN (${c.oneOf.map(literal).join(', ')}))`);
  return parts.join(' ');
}

/** The statements creating `tables` (idempotent: IF NOT EXISTS), one string. */
export function renderSqlite(tables: readonly Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const defs = t.columns.filter((c) => !(c.sqliteRowid && c.type === 'serial')).map(column);
    if (t.primaryKey) defs.push(`PRIMARY KEY (${t.primaryKey.map(ident).join(', ')})`);
    out.push(`CREATE TABLE IF NOT EXISTS ${ident(t.name)} (\n  ${defs.join(',\n  ')}\n);`);
    for (const i of t.indexes ?? []) {
      out.push(
        `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(i.name)} ON ${ident(t.name)} (${i.columns.map(ident).join(', ')});`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
