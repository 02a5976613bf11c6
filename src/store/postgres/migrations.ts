// PostgreSQL migrations: an append-only named list (a migration that has run is never edited), recorded in
// schema_migrations. Each runs in its own transaction under a transaction-scoped advisory lock, so two nodes
// starting at once apply it once: the second waits for the lock, then sees the name recorded and skips it.
import type { PoolClient } from 'pg';
import { renderPostgres, tables } from '../schema/index.ts';

export interface PostgresMigration {
  readonly name: string;
  readonly statements: readonly string[];
}

export const postgresMigrations: readonly PostgresMigration[] = [
  // Rendered from the current description: a database created now gets today's schema in one step.
  { name: 'postgres-001-schema', statements: renderPostgres(tables) },
  // The indexes SQLite's perf-001 drops, for databases created before they left the description.
  {
    name: 'postgres-002-drop-redundant-indexes',
    statements: [
      'trigger_instances_status',
      'executions_status',
      'rule_enforcements_trigger_instance',
      'trigger_instances_owner',
      'executions_owner',
    ].map((i) => `DROP INDEX IF EXISTS ${i}`),
  },
];

/** An arbitrary fixed key: every rules node contends on the same advisory lock while migrating. */
const MIGRATION_LOCK = 0x72756c6573;

/** Applies the migrations not yet recorded, in order; returns the names applied. */
export async function migratePostgres(
  client: PoolClient,
  list: readonly PostgresMigration[] = postgresMigrations,
): Promise<string[]> {
  const applied: string[] = [];
  for (const m of list) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (done.rowCount === 0) {
        for (const sql of m.statements) await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [
          m.name,
          new Date().toISOString(),
        ]);
        applied.push(m.name);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
  return applied;
}
