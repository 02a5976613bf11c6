// Work ownership across nodes (issue 8): unfinished work whose lease expired is claimed with
// `FOR UPDATE SKIP LOCKED`, so two nodes claiming at once take disjoint rows and never wait on each other.
import type { Pool } from 'pg';
import type { ExecutionRecord } from '../executions.ts';
import type { WorkClaims } from '../types.ts';
import type { GroupCommit } from './group-commit.ts';
import { INSTANCE_COLUMNS, instanceFromRow } from './trigger-instances.ts';
import type { InstanceRow } from './trigger-instances.ts';

const UNFINISHED_INSTANCES = ['pending', 'processing'];
const IN_FLIGHT_EXECUTIONS = ['requested', 'scheduled', 'running'];

// Table and column lists are these fixed strings; every value is a parameter.
// $1 owner, $2 lease end, $3 statuses, $4 now, $5 all (ignore leases), $6 limit.
const claimSql = (table: string, columns: string): string => `
UPDATE ${table} SET owner = $1, lease_until = $2
WHERE seq IN (
  SELECT seq FROM ${table}
  WHERE status = ANY($3) AND (lease_until IS NULL OR lease_until < $4 OR $5)
  ORDER BY seq LIMIT $6
  FOR UPDATE SKIP LOCKED
)
RETURNING seq, ${columns}`;

const CLAIM_INSTANCES = claimSql('trigger_instances', INSTANCE_COLUMNS);
const CLAIM_EXECUTIONS = claimSql('executions', 'record');

const bySeq = (a: { seq: number }, b: { seq: number }): number => a.seq - b.seq;

export function createClaims(pool: Pool, commits: GroupCommit, nodeId: string, leaseMs: number): WorkClaims {
  return {
    nodeId,
    leaseMs,
    async renew() {
      // Queued inserts first: work this node accepted a moment ago is renewed too.
      await commits.settled();
      const until = Date.now() + leaseMs;
      await pool.query('UPDATE trigger_instances SET lease_until = $1 WHERE owner = $2 AND status = ANY($3)', [
        until,
        nodeId,
        UNFINISHED_INSTANCES,
      ]);
      await pool.query('UPDATE executions SET lease_until = $1 WHERE owner = $2 AND status = ANY($3)', [
        until,
        nodeId,
        IN_FLIGHT_EXECUTIONS,
      ]);
    },
    async claimInstances({ limit, all = false }) {
      await commits.settled();
      const now = Date.now();
      const { rows } = await pool.query<InstanceRow & { seq: number }>(CLAIM_INSTANCES, [
        nodeId,
        now + leaseMs,
        UNFINISHED_INSTANCES,
        now,
        all,
        limit,
      ]);
      // RETURNING has no order of its own: oldest first, as promised.
      return rows.sort(bySeq).map(instanceFromRow);
    },
    async claimExecutions({ limit, all = false }) {
      await commits.settled();
      const now = Date.now();
      const { rows } = await pool.query<{ seq: number; record: ExecutionRecord }>(CLAIM_EXECUTIONS, [
        nodeId,
        now + leaseMs,
        IN_FLIGHT_EXECUTIONS,
        now,
        all,
        limit,
      ]);
      return rows.sort(bySeq).map((row) => row.record);
    },
    async hasEnforcements(triggerInstanceId) {
      await commits.settled();
      const { rowCount } = await pool.query('SELECT 1 FROM rule_enforcements WHERE trigger_instance_id = $1 LIMIT 1', [
        triggerInstanceId,
      ]);
      return (rowCount ?? 0) > 0;
    },
  };
}
