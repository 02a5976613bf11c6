// Trigger instances on PostgreSQL: the durable insert (group commit, owned by this node), status changes
// deferred into the next transaction, reads newest first.
import type { Pool } from 'pg';
import type { TriggerInstanceRecord } from '../trigger-instances.ts';
import type { TriggerInstanceStore } from '../types.ts';
import type { GroupCommit, Write } from './group-commit.ts';
import { page, whereFrom } from './where.ts';

export const INSTANCE_COLUMNS = 'id, "trigger", payload, occurrence_time, status, trace_tag';

export interface InstanceRow {
  id: string;
  trigger: string;
  payload: unknown;
  occurrence_time: string;
  status: TriggerInstanceRecord['status'];
  trace_tag: string;
}

export const instanceFromRow = (row: InstanceRow): TriggerInstanceRecord => ({
  id: row.id,
  trigger: row.trigger,
  payload: row.payload,
  occurrence_time: row.occurrence_time,
  status: row.status,
  trace_tag: row.trace_tag,
});

// 8 parameters per row; PostgreSQL takes at most 65535 per statement.
const ROWS_PER_INSERT = 1000;

/** The INSERT statements for `records`, owned by `owner` for `leaseMs` from now (none for no records). */
export function instanceInserter(owner: string, leaseMs: number) {
  return (records: readonly TriggerInstanceRecord[]): Write[] => {
    const leaseUntil = Date.now() + leaseMs;
    const statements: Write[] = [];
    for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
      const params: unknown[] = [];
      const values: string[] = [];
      for (const r of records.slice(start, start + ROWS_PER_INSERT)) {
        const n = params.length;
        params.push(
          r.id,
          r.trigger,
          JSON.stringify(r.payload) ?? 'null',
          r.occurrence_time,
          r.status,
          r.trace_tag,
          owner,
          leaseUntil,
        );
        values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`);
      }
      statements.push({
        label: 'triggerInstances.insert',
        sql: `INSERT INTO trigger_instances (${INSTANCE_COLUMNS}, owner, lease_until) VALUES ${values.join(', ')}`,
        params,
      });
    }
    return statements;
  };
}

export function createTriggerInstanceStore(pool: Pool, commits: GroupCommit, owner: string): TriggerInstanceStore {
  return {
    setStatus(id, status) {
      // Only while this node owns it (see executions.update).
      commits.defer({
        label: 'triggerInstances.setStatus',
        prepared: 'rules_instance_status',
        sql: 'UPDATE trigger_instances SET status = $1 WHERE id = $2 AND owner = $3',
        params: [status, id, owner],
        noRow: `trigger instance ${id} is not owned by ${owner} (another node took it over): its ${status} status was not recorded`,
      });
    },
    async get(id) {
      await commits.settled();
      const { rows } = await pool.query<InstanceRow>(
        `SELECT ${INSTANCE_COLUMNS} FROM trigger_instances WHERE id = $1`,
        [id],
      );
      return rows[0] ? instanceFromRow(rows[0]) : undefined;
    },
    async list(filter = {}) {
      await commits.settled();
      const params: unknown[] = [];
      let where = whereFrom(
        filter,
        [
          ['trigger', '"trigger"'],
          ['status', 'status'],
        ],
        params,
      );
      const extra: string[] = [];
      if (filter.since !== undefined) {
        params.push(filter.since);
        extra.push(`occurrence_time >= $${params.length}`);
      }
      if (filter.triggers !== undefined) {
        params.push([...filter.triggers]);
        extra.push(`"trigger" = ANY($${params.length})`);
      }
      if (extra.length) where = where ? `${where} AND ${extra.join(' AND ')}` : ` WHERE ${extra.join(' AND ')}`;
      const sql = `SELECT ${INSTANCE_COLUMNS} FROM trigger_instances${where} ORDER BY seq DESC${page(filter, params)}`;
      const { rows } = await pool.query<InstanceRow>(sql, params);
      return rows.map(instanceFromRow);
    },
  };
}
