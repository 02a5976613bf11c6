// Rule enforcements on PostgreSQL: deferred inserts; the UNIQUE (trigger_instance_id, rule_ref) index turns a
// second enforcement of the same rule into a failed savepoint that is reported, never a second row.
import type { Pool } from 'pg';
import type { EnforcementRecord } from '../enforcements.ts';
import type { EnforcementStore } from '../types.ts';
import type { GroupCommit } from './group-commit.ts';
import { page, whereFrom } from './where.ts';

export function createEnforcementStore(pool: Pool, commits: GroupCommit): EnforcementStore {
  return {
    insert(r) {
      commits.defer({
        label: 'enforcements.insert',
        prepared: 'rules_enforcement_insert',
        sql: 'INSERT INTO rule_enforcements (id, trigger_instance_id, execution_id, rule_ref, status, enforced_at, record) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        params: [
          r.id,
          r.trigger_instance_id,
          r.execution_id ?? null,
          r.rule.ref,
          r.status,
          r.enforced_at,
          JSON.stringify(r),
        ],
      });
    },
    async get(id) {
      await commits.settled();
      const { rows } = await pool.query<{ record: EnforcementRecord }>(
        'SELECT record FROM rule_enforcements WHERE id = $1',
        [id],
      );
      return rows[0]?.record;
    },
    async list(filter = {}) {
      await commits.settled();
      const params: unknown[] = [];
      const columns = [
        ['rule', 'rule_ref'],
        ['trigger_instance', 'trigger_instance_id'],
        ['execution', 'execution_id'],
        ['status', 'status'],
      ] as const;
      const sql = `SELECT record FROM rule_enforcements${whereFrom(filter, columns, params)} ORDER BY seq DESC${page(filter, params)}`;
      const { rows } = await pool.query<{ record: EnforcementRecord }>(sql, params);
      return rows.map((row) => row.record);
    },
  };
}
