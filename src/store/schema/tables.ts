// One description of the store's tables for both dialects (issue 8): SQLite (embedded) and PostgreSQL (several
// nodes) render their DDL from this, so the two schemas cannot drift. Types are neutral; the renderers map them.
// Names here are fixed identifiers, never input.

/**
 * `text`, `integer` (32-bit is enough), `bigint` (epoch ms), `json` (a JSON document, stored as its text so key
 * order survives), `boolean`, `serial` (an ascending insertion counter for newest-first ordering and claims).
 */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'json' | 'boolean' | 'serial';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Default false: the column accepts NULL. */
  readonly notNull?: boolean;
  readonly default?: string | number | boolean;
  /** A single-column primary key (for composite keys use Table.primaryKey). */
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  /** The column's value must be one of these. */
  readonly oneOf?: readonly string[];
  /**
   * A `serial` that SQLite already has as its implicit `rowid` (tables whose primary key is a TEXT id): not
   * rendered for SQLite, so the embedded file keeps main's layout; PostgreSQL has no rowid and gets the column.
   */
  readonly sqliteRowid?: boolean;
}

export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** Composite primary key. */
  readonly primaryKey?: readonly string[];
  readonly indexes?: readonly Index[];
}

/** Issue 8: the node that owns unfinished work and when its lease ends (epoch ms). */
const ownership: readonly Column[] = [
  { name: 'owner', type: 'text' },
  { name: 'lease_until', type: 'bigint' },
];

export const tables: readonly Table[] = [
  {
    name: 'trigger_instances',
    columns: [
      { name: 'seq', type: 'serial', primaryKey: true },
      { name: 'id', type: 'text', notNull: true, unique: true },
      { name: 'trigger', type: 'text', notNull: true },
      { name: 'payload', type: 'json', notNull: true },
      { name: 'occurrence_time', type: 'text', notNull: true },
      { name: 'status', type: 'text', notNull: true },
      { name: 'trace_tag', type: 'text', notNull: true },
      ...ownership,
    ],
    indexes: [
      { name: 'trigger_instances_trigger', columns: ['trigger'] },
      // No index on status alone: (status, lease_until) serves those queries (migration perf-001).
      // Claims (expired leases by status) and renewals (a node's unfinished work, found by status).
      { name: 'trigger_instances_status_lease', columns: ['status', 'lease_until'] },
    ],
  },
  {
    name: 'api_keys',
    columns: [
      { name: 'id', type: 'text', primaryKey: true },
      { name: 'key_hash', type: 'text', notNull: true, unique: true },
      { name: 'user', type: 'text', notNull: true },
      { name: 'enabled', type: 'boolean', notNull: true, default: true },
      { name: 'created_at', type: 'text', notNull: true },
      { name: 'metadata', type: 'json', notNull: true, default: '{}' },
    ],
  },
  {
    name: 'tokens',
    columns: [
      { name: 'id', type: 'text', primaryKey: true },
      { name: 'token', type: 'text', notNull: true, unique: true },
      { name: 'user', type: 'text', notNull: true },
      { name: 'expiry', type: 'text', notNull: true },
      { name: 'expiry_ms', type: 'bigint', notNull: true },
      { name: 'metadata', type: 'json', notNull: true, default: '{}' },
    ],
  },
  {
    name: 'executions',
    columns: [
      { name: 'seq', type: 'serial', sqliteRowid: true },
      { name: 'id', type: 'text', primaryKey: true },
      { name: 'action_ref', type: 'text', notNull: true },
      { name: 'rule_ref', type: 'text' },
      { name: 'trigger_instance_id', type: 'text' },
      { name: 'status', type: 'text', notNull: true },
      { name: 'start_timestamp', type: 'text', notNull: true },
      { name: 'end_timestamp', type: 'text' },
      { name: 'record', type: 'json', notNull: true },
      ...ownership,
    ],
    indexes: [
      { name: 'executions_action', columns: ['action_ref'] },
      { name: 'executions_rule', columns: ['rule_ref'] },
      { name: 'executions_trigger_instance', columns: ['trigger_instance_id'] },
      { name: 'executions_status_lease', columns: ['status', 'lease_until'] },
    ],
  },
  {
    name: 'rule_enforcements',
    columns: [
      { name: 'seq', type: 'serial', sqliteRowid: true },
      { name: 'id', type: 'text', primaryKey: true },
      { name: 'trigger_instance_id', type: 'text', notNull: true },
      { name: 'execution_id', type: 'text' },
      { name: 'rule_ref', type: 'text', notNull: true },
      { name: 'status', type: 'text', notNull: true },
      { name: 'enforced_at', type: 'text', notNull: true },
      { name: 'record', type: 'json', notNull: true },
    ],
    indexes: [
      { name: 'rule_enforcements_rule', columns: ['rule_ref'] },
      { name: 'rule_enforcements_execution', columns: ['execution_id'] },
      // Issue 8: one enforcement per (trigger instance, rule), so recovery can never enforce a rule twice.
      { name: 'rule_enforcements_instance_rule', columns: ['trigger_instance_id', 'rule_ref'], unique: true },
    ],
  },
  {
    name: 'kv',
    columns: [
      { name: 'scope', type: 'text', notNull: true, oneOf: ['system', 'user'] },
      { name: 'user', type: 'text', notNull: true, default: '' },
      { name: 'name', type: 'text', notNull: true },
      { name: 'value', type: 'text', notNull: true },
      { name: 'secret', type: 'boolean', notNull: true, default: false },
      { name: 'expire_ms', type: 'bigint' },
    ],
    primaryKey: ['scope', 'user', 'name'],
  },
  {
    name: 'deliveries',
    columns: [
      { name: 'hook', type: 'text', notNull: true },
      { name: 'delivery_id', type: 'text', notNull: true },
      { name: 'trigger_instance_id', type: 'text', notNull: true },
      { name: 'received_at', type: 'bigint', notNull: true },
    ],
    primaryKey: ['hook', 'delivery_id'],
    indexes: [{ name: 'deliveries_received_at', columns: ['received_at'] }],
  },
];
