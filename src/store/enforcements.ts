// Rule enforcement records (StackStorm's RuleEnforcement): one per matching rule, and one per criteria failure.
import type { Database } from 'better-sqlite3';

export interface EnforcementRecord {
  id: string;
  trigger_instance_id: string;
  /** Set when an execution was created. */
  execution_id?: string;
  rule: { ref: string; id: string; uid: string };
  /** UTC, StackStorm's microsecond ISO form. */
  enforced_at: string;
  status: 'succeeded' | 'failed';
  failure_reason?: string;
}

export interface EnforcementFilter {
  rule?: string;
  trigger_instance?: string;
  execution?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export const enforcementsMigration = {
  name: 'actions-002-rule-enforcements',
  sql: `
CREATE TABLE IF NOT EXISTS rule_enforcements (
  id TEXT PRIMARY KEY,
  trigger_instance_id TEXT NOT NULL,
  execution_id TEXT,
  rule_ref TEXT NOT NULL,
  status TEXT NOT NULL,
  enforced_at TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rule_enforcements_rule ON rule_enforcements (rule_ref);
CREATE INDEX IF NOT EXISTS rule_enforcements_trigger_instance ON rule_enforcements (trigger_instance_id);
CREATE INDEX IF NOT EXISTS rule_enforcements_execution ON rule_enforcements (execution_id);
`,
} as const;

/** An enforcement as stored: its indexed columns and the record as JSON (a snapshot that is cheap to post). */
export interface EnforcementRow {
  id: string;
  trigger_instance_id: string;
  execution_id: string | null;
  rule_ref: string;
  status: string;
  enforced_at: string;
  record: string;
}

export function enforcementRow(r: EnforcementRecord): EnforcementRow {
  return {
    id: r.id,
    trigger_instance_id: r.trigger_instance_id,
    execution_id: r.execution_id ?? null,
    rule_ref: r.rule.ref,
    status: r.status,
    enforced_at: r.enforced_at,
    record: JSON.stringify(r),
  };
}

export interface EnforcementRepository {
  insert(record: EnforcementRecord): void;
  insertRow(row: EnforcementRow): void;
  get(id: string): EnforcementRecord | undefined;
  /** Newest first. */
  list(filter?: EnforcementFilter): EnforcementRecord[];
}

export function createEnforcementRepository(db: Database): EnforcementRepository {
  const insert = db.prepare(
    'INSERT INTO rule_enforcements (id, trigger_instance_id, execution_id, rule_ref, status, enforced_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare<[string], { record: string }>('SELECT record FROM rule_enforcements WHERE id = ?');
  const insertRow = (row: EnforcementRow): void =>
    void insert.run(
      row.id,
      row.trigger_instance_id,
      row.execution_id,
      row.rule_ref,
      row.status,
      row.enforced_at,
      row.record,
    );
  return {
    insert: (r) => insertRow(enforcementRow(r)),
    insertRow,
    get(id) {
      const row = get.get(id);
      return row ? (JSON.parse(row.record) as EnforcementRecord) : undefined;
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      const columns = [
        ['rule', 'rule_ref'],
        ['trigger_instance', 'trigger_instance_id'],
        ['execution', 'execution_id'],
        ['status', 'status'],
      ] as const;
      for (const [key, column] of columns) {
        const value = filter[key];
        if (value !== undefined) {
          where.push(`${column} = ?`);
          args.push(value);
        }
      }
      const sql = `SELECT record FROM rule_enforcements${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ? OFFSET ?`;
      args.push(filter.limit ?? 100, filter.offset ?? 0);
      return db
        .prepare<unknown[], { record: string }>(sql)
        .all(...args)
        .map((row) => JSON.parse(row.record) as EnforcementRecord);
    },
  };
}
