// Execution records (StackStorm's ActionExecution): one row per run requested by a rule enforcement.
// Owned by the actions stage; JSON columns hold StackStorm-shaped values, parameters already masked.
import type { Database, Statement } from 'better-sqlite3';

export type ExecutionStatus =
  'requested' | 'scheduled' | 'running' | 'succeeded' | 'failed' | 'timeout' | 'canceled' | 'abandoned';

/** The execution as the API returns it (StackStorm field names). */
export interface ExecutionRecord {
  id: string;
  action: { ref: string; name: string; pack: string; runner_type: string };
  runner: { name: string };
  rule?: { ref: string; id: string; name: string; pack: string };
  trigger_instance?: { id: string };
  trigger?: { ref: string; type: string };
  /** Secrets masked as `********`. */
  parameters: Record<string, unknown>;
  status: ExecutionStatus;
  start_timestamp: string;
  end_timestamp?: string;
  elapsed_seconds?: number;
  result: Record<string, unknown>;
  context: Record<string, unknown>;
  /** Status changes in order, as StackStorm's `log`. */
  log: Array<{ status: ExecutionStatus; timestamp: string }>;
}

export interface ExecutionFilter {
  action?: string;
  rule?: string;
  status?: string;
  trigger_instance?: string;
  limit?: number;
  offset?: number;
}

export const executionsMigration = {
  name: 'actions-001-executions',
  sql: `
CREATE TABLE IF NOT EXISTS executions (
  id TEXT PRIMARY KEY,
  action_ref TEXT NOT NULL,
  rule_ref TEXT,
  trigger_instance_id TEXT,
  status TEXT NOT NULL,
  start_timestamp TEXT NOT NULL,
  end_timestamp TEXT,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_action ON executions (action_ref);
CREATE INDEX IF NOT EXISTS executions_rule ON executions (rule_ref);
CREATE INDEX IF NOT EXISTS executions_status ON executions (status);
CREATE INDEX IF NOT EXISTS executions_trigger_instance ON executions (trigger_instance_id);
`,
} as const;

/** An execution as stored: its indexed columns and the record as JSON (also a snapshot that is cheap to post). */
export interface ExecutionRow {
  id: string;
  action_ref: string;
  rule_ref: string | null;
  trigger_instance_id: string | null;
  status: string;
  start_timestamp: string;
  end_timestamp: string | null;
  record: string;
}

export function executionRow(r: ExecutionRecord): ExecutionRow {
  return {
    id: r.id,
    action_ref: r.action.ref,
    rule_ref: r.rule?.ref ?? null,
    trigger_instance_id: r.trigger_instance?.id ?? null,
    status: r.status,
    start_timestamp: r.start_timestamp,
    end_timestamp: r.end_timestamp ?? null,
    record: JSON.stringify(r),
  };
}

export interface ExecutionRepository {
  /** `ownership`: the node that starts the run and its lease end (issue 8). */
  insert(record: ExecutionRecord, ownership?: { owner: string; leaseUntil: number }): void;
  /** Replaces the stored record (status transitions, result). */
  update(record: ExecutionRecord): void;
  insertRow(row: ExecutionRow, ownership?: { owner: string; leaseUntil: number }): void;
  updateRow(row: ExecutionRow): void;
  get(id: string): ExecutionRecord | undefined;
  /** Newest first. */
  list(filter?: ExecutionFilter): ExecutionRecord[];
}

export function createExecutionRepository(db: Database): ExecutionRepository {
  const insert = db.prepare<unknown[]>(
    'INSERT INTO executions (id, action_ref, rule_ref, trigger_instance_id, status, start_timestamp, end_timestamp, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Prepared on first use: a database with only the actions stage's tables (engineStore) has no owner column.
  let insertOwned: Statement<unknown[]> | undefined;
  const update = db.prepare('UPDATE executions SET status = ?, end_timestamp = ?, record = ? WHERE id = ?');
  const get = db.prepare<[string], { record: string }>('SELECT record FROM executions WHERE id = ?');
  const insertRow = (row: ExecutionRow, ownership?: { owner: string; leaseUntil: number }): void => {
    const values: unknown[] = [
      row.id,
      row.action_ref,
      row.rule_ref,
      row.trigger_instance_id,
      row.status,
      row.start_timestamp,
      row.end_timestamp,
      row.record,
    ];
    if (!ownership) return void insert.run(...values);
    insertOwned ??= db.prepare<unknown[]>(
      'INSERT INTO executions (id, action_ref, rule_ref, trigger_instance_id, status, start_timestamp, end_timestamp, record, owner, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insertOwned.run(...values, ownership.owner, ownership.leaseUntil);
  };
  const updateRow = (row: ExecutionRow): void => void update.run(row.status, row.end_timestamp, row.record, row.id);
  return {
    insert: (r, ownership) => insertRow(executionRow(r), ownership),
    update: (r) => updateRow(executionRow(r)),
    insertRow,
    updateRow,
    get(id) {
      const row = get.get(id);
      return row ? (JSON.parse(row.record) as ExecutionRecord) : undefined;
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      // Column names come from this fixed table, never from the query string.
      const columns = [
        ['action', 'action_ref'],
        ['rule', 'rule_ref'],
        ['status', 'status'],
        ['trigger_instance', 'trigger_instance_id'],
      ] as const;
      for (const [key, column] of columns) {
        const value = filter[key];
        if (value !== undefined) {
          where.push(`${column} = ?`);
          args.push(value);
        }
      }
      const sql = `SELECT record FROM executions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ? OFFSET ?`;
      args.push(filter.limit ?? 100, filter.offset ?? 0);
      return db
        .prepare<unknown[], { record: string }>(sql)
        .all(...args)
        .map((row) => JSON.parse(row.record) as ExecutionRecord);
    },
  };
}
