// PostgreSQL DDL from the neutral description. JSON columns are `json` (validated, but stored as the text given,
// so key order and duplicate keys read back as SQLite returns them; jsonb would reorder keys); epoch ms are BIGINT;
// `serial` is an identity column (PostgreSQL has no rowid to order by).
import type { Column, Table } from './tables.ts';
import { ident, literal } from './quote.ts';

const TYPES = {
  text: 'TEXT',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  json: 'JSON',
  boolean: 'BOOLEAN',
  serial: 'BIGINT GENERATED ALWAYS AS IDENTITY',
} as const;

function defaultValue(c: Column, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return c.type === 'json' ? `${literal(value)}::json` : literal(value);
}

function column(c: Column): string {
  const parts = [ident(c.name), TYPES[c.type]];
  if (c.primaryKey) parts.push('PRIMARY KEY');
  if (c.notNull) parts.push('NOT NULL');
  if (c.unique) parts.push('UNIQUE');
  if (c.default !== undefined) parts.push(`DEFAULT ${defaultValue(c, c.default)}`);
  if (c.oneOf) parts.push(`CHECK (${ident(c.name)} IN (${c.oneOf.map(literal).join(', ')}))`);
  return parts.join(' ');
}

/** The statements creating `tables` (idempotent: IF NOT EXISTS), one per array element. */
export function renderPostgres(tables: readonly Table[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const defs = t.columns.map(column);
    if (t.primaryKey) defs.push(`PRIMARY KEY (${t.primaryKey.map(ident).join(', ')})`);
    out.push(`CREATE TABLE IF NOT EXISTS ${ident(t.name)} (\n  ${defs.join(',\n  ')}\n)`);
    for (const i of t.indexes ?? []) {
      out.push(
        `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(i.name)} ON ${ident(t.name)} (${i.columns.map(ident).join(', ')})`,
      );
    }
  }
  return out;
}
