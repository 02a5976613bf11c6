// The store schema described once (tables.ts) and rendered per dialect.
export { tables } from './tables.ts';
export type { Column, ColumnType, Index, Table } from './tables.ts';
export { renderSqlite } from './render-sqlite.ts';
export { renderPostgres } from './render-postgres.ts';
