// Trigger instances (StackStorm's TriggerInstanceDB): what a webhook received, committed before the 202.
import type { Database } from 'better-sqlite3';

export type TriggerInstanceStatus = 'pending' | 'processing' | 'processed' | 'processing_failed';

export interface TriggerInstanceRecord {
  id: string;
  /** The Trigger ref (`core.<uuid>` for webhook Triggers, the type ref for parameterless types). */
  trigger: string;
  payload: unknown;
  /** UTC, microsecond ISO form. */
  occurrence_time: string;
  status: TriggerInstanceStatus;
  trace_tag: string;
}

export interface TriggerInstanceFilter {
  trigger?: string | undefined;
  status?: string | undefined;
  limit?: number;
  offset?: number;
}

/** Work ownership of new rows (issue 8): the node that accepted them and its lease end (epoch ms). */
export interface Ownership {
  owner: string;
  leaseUntil: number;
}

export interface TriggerInstanceListFilter extends TriggerInstanceFilter {
  /** Occurrence time at or after (ISO, as stored). */
  since?: string;
  /** Any of these Trigger refs. */
  triggers?: readonly string[];
}

/** A trigger instance as stored: the payload as JSON (serialised once, on the accepting thread). */
export interface TriggerInstanceRow {
  id: string;
  trigger: string;
  payload: string;
  occurrence_time: string;
  status: TriggerInstanceStatus;
  trace_tag: string;
}

export function triggerInstanceRow(r: TriggerInstanceRecord): TriggerInstanceRow {
  return {
    id: r.id,
    trigger: r.trigger,
    payload: JSON.stringify(r.payload) ?? 'null',
    occurrence_time: r.occurrence_time,
    status: r.status,
    trace_tag: r.trace_tag,
  };
}

export interface TriggerInstanceRepository {
  /** Inserts all rows in one transaction: all are stored or none (throws when the store refuses writes). */
  insertMany(records: readonly TriggerInstanceRecord[], ownership?: Ownership): void;
  /** The same for rows already serialised (the writer thread's input). */
  insertRows(rows: readonly TriggerInstanceRow[], ownership?: Ownership): void;
  setStatus(id: string, status: TriggerInstanceStatus): void;
  get(id: string): TriggerInstanceRecord | undefined;
  /** Newest first. */
  list(filter?: TriggerInstanceListFilter): TriggerInstanceRecord[];
}

/** The record of a stored row (the payload parsed back). */
export const triggerInstanceFromRow = (row: TriggerInstanceRow): TriggerInstanceRecord => ({
  ...row,
  payload: JSON.parse(row.payload) as unknown,
});

export function createTriggerInstanceRepository(db: Database): TriggerInstanceRepository {
  const insert = db.prepare(
    'INSERT INTO trigger_instances (id, trigger, payload, occurrence_time, status, trace_tag, owner, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAll = db.transaction((rows: readonly TriggerInstanceRow[], ownership: Ownership | undefined) => {
    const owner = ownership?.owner ?? null;
    const lease = ownership?.leaseUntil ?? null;
    for (const r of rows)
      insert.run(r.id, r.trigger, r.payload, r.occurrence_time, r.status, r.trace_tag, owner, lease);
  });
  const setStatus = db.prepare('UPDATE trigger_instances SET status = ? WHERE id = ?');
  const get = db.prepare<[string], TriggerInstanceRow>(
    'SELECT id, trigger, payload, occurrence_time, status, trace_tag FROM trigger_instances WHERE id = ?',
  );
  return {
    insertMany(records, ownership) {
      if (records.length > 0) insertAll(records.map(triggerInstanceRow), ownership);
    },
    insertRows(rows, ownership) {
      if (rows.length > 0) insertAll(rows, ownership);
    },
    setStatus(id, status) {
      setStatus.run(status, id);
    },
    get(id) {
      const row = get.get(id);
      return row ? triggerInstanceFromRow(row) : undefined;
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      // Column names come from this fixed table, never from the query string.
      for (const [key, column] of [
        ['trigger', 'trigger'],
        ['status', 'status'],
      ] as const) {
        const value = filter[key];
        if (value !== undefined) {
          where.push(`${column} = ?`);
          args.push(value);
        }
      }
      if (filter.since !== undefined) {
        where.push('occurrence_time >= ?');
        args.push(filter.since);
      }
      if (filter.triggers !== undefined) {
        // One placeholder per ref: the refs are values, never SQL.
        where.push(filter.triggers.length === 0 ? '0' : `trigger IN (${filter.triggers.map(() => '?').join(', ')})`);
        args.push(...filter.triggers);
      }
      args.push(filter.limit ?? 100, filter.offset ?? 0);
      const sql = `SELECT id, trigger, payload, occurrence_time, status, trace_tag FROM trigger_instances${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ? OFFSET ?`;
      return db
        .prepare<unknown[], TriggerInstanceRow>(sql)
        .all(...args)
        .map(triggerInstanceFromRow);
    },
  };
}
