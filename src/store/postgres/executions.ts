// Executions on PostgreSQL: inserts (owned by this node, with a lease) and updates are deferred into the next
// group commit; the whole record is a json column, the filterable fields are columns beside it.
import type { Pool } from 'pg';
import type { ExecutionRecord } from '../executions.ts';
import type { ExecutionStore } from '../types.ts';
import type { GroupCommit } from './group-commit.ts';
import { page, whereFrom } from './where.ts';

export function createExecutionStore(pool: Pool, commits: GroupCommit, owner: string, leaseMs: number): ExecutionStore {
  return {
    insert(r) {
      commits.defer({
        label: 'executions.insert',
        prepared: 'rules_execution_insert',
        sql: 'INSERT INTO executions (id, action_ref, rule_ref, trigger_instance_id, status, start_timestamp, end_timestamp, record, owner, lease_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        // The JSON text is the snapshot: the caller may keep mutating its record.
        params: [
          r.id,
          r.action.ref,
          r.rule?.ref ?? null,
          r.trigger_instance?.id ?? null,
          r.status,
          r.start_timestamp,
          r.end_timestamp ?? null,
          JSON.stringify(r),
          owner,
          Date.now() + leaseMs,
        ],
      });
    },
    update(r) {
      commits.defer({
        label: 'executions.update',
        prepared: 'rules_execution_update',
        // Only while this node owns it: a node whose lease was taken over (it stalled past its lease) must not
        // overwrite what the node that took the work over recorded (abandoned, or a retry).
        sql: 'UPDATE executions SET status = $1, end_timestamp = $2, record = $3 WHERE id = $4 AND owner = $5',
        params: [r.status, r.end_timestamp ?? null, JSON.stringify(r), r.id, owner],
        noRow: `execution ${r.id} is not owned by ${owner} (another node took it over): its ${r.status} status was not recorded`,
      });
    },
    async get(id) {
      await commits.settled();
      const { rows } = await pool.query<{ record: ExecutionRecord }>('SELECT record FROM executions WHERE id = $1', [
        id,
      ]);
      return rows[0]?.record;
    },
    async list(filter = {}) {
      await commits.settled();
      const params: unknown[] = [];
      const columns = [
        ['action', 'action_ref'],
        ['rule', 'rule_ref'],
        ['status', 'status'],
        ['trigger_instance', 'trigger_instance_id'],
      ] as const;
      const sql = `SELECT record FROM executions${whereFrom(filter, columns, params)} ORDER BY seq DESC${page(filter, params)}`;
      const { rows } = await pool.query<{ record: ExecutionRecord }>(sql, params);
      return rows.map((row) => row.record);
    },
  };
}
