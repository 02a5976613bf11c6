// The one ordered list of schema migrations. Append only: a migration that has run is never edited, and its
// name is recorded in `schema_migrations` so reopening a store runs only the new ones.
import { executionsMigration } from './executions.ts';
import { enforcementsMigration } from './enforcements.ts';
import { kvMigration } from './kv.ts';
import { deliveriesMigration } from './deliveries.ts';

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    name: 'runtime-001-trigger-instances',
    sql: `
CREATE TABLE IF NOT EXISTS trigger_instances (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  trigger TEXT NOT NULL,
  payload TEXT NOT NULL,
  occurrence_time TEXT NOT NULL,
  status TEXT NOT NULL,
  trace_tag TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trigger_instances_trigger ON trigger_instances (trigger);
CREATE INDEX IF NOT EXISTS trigger_instances_status ON trigger_instances (status);
`,
  },
  {
    name: 'runtime-002-api-keys',
    sql: `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  user TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}'
);
`,
  },
  {
    name: 'runtime-003-tokens',
    sql: `
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  user TEXT NOT NULL,
  expiry TEXT NOT NULL,
  expiry_ms INTEGER NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}'
);
`,
  },
  executionsMigration,
  enforcementsMigration,
  kvMigration,
  deliveriesMigration,
  {
    // Issue 8: one enforcement per (trigger instance, rule), so recovery can never enforce a rule twice.
    name: 'durability-001-unique-enforcement',
    sql: `
DELETE FROM rule_enforcements WHERE rowid NOT IN (SELECT MIN(rowid) FROM rule_enforcements GROUP BY trigger_instance_id, rule_ref);
CREATE UNIQUE INDEX IF NOT EXISTS rule_enforcements_instance_rule ON rule_enforcements (trigger_instance_id, rule_ref);
`,
  },
  {
    // Issue 8: every unfinished trigger instance and in-flight execution has an owner node and a lease end
    // (epoch ms); claims look for unfinished rows by status and lease, renewals by owner.
    name: 'durability-002-work-ownership',
    sql: `
ALTER TABLE trigger_instances ADD COLUMN owner TEXT;
ALTER TABLE trigger_instances ADD COLUMN lease_until INTEGER;
ALTER TABLE executions ADD COLUMN owner TEXT;
ALTER TABLE executions ADD COLUMN lease_until INTEGER;
CREATE INDEX IF NOT EXISTS trigger_instances_status_lease ON trigger_instances (status, lease_until);
CREATE INDEX IF NOT EXISTS trigger_instances_owner ON trigger_instances (owner, status);
CREATE INDEX IF NOT EXISTS executions_status_lease ON executions (status, lease_until);
CREATE INDEX IF NOT EXISTS executions_owner ON executions (owner, status);
`,
  },
  {
    // Issue 5: every index costs each insert and status update a B-tree write. These serve no query another index
    // does not: status queries use the status-lease indexes; an enforcement's trigger instance lookups use the
    // unique (trigger instance, rule) index; lease renewals (owner AND unfinished status) read the few unfinished
    // rows through the status-lease index, as claims do.
    name: 'perf-001-drop-redundant-indexes',
    sql: `
DROP INDEX IF EXISTS trigger_instances_status;
DROP INDEX IF EXISTS executions_status;
DROP INDEX IF EXISTS rule_enforcements_trigger_instance;
DROP INDEX IF EXISTS trigger_instances_owner;
DROP INDEX IF EXISTS executions_owner;
`,
  },
];
