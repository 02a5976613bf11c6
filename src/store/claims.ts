// Work ownership on SQLite (issue 8, WorkClaims of types.ts). Claims run on the main connection in one
// IMMEDIATE transaction (take the write lock first, so the rows read are the rows updated); an embedded store
// has one node, so this is for recovery on start and for leases left by an earlier process on the same file.
import type { Database } from 'better-sqlite3';
import { triggerInstanceFromRow } from './trigger-instances.ts';
import type { TriggerInstanceRecord, TriggerInstanceRow } from './trigger-instances.ts';
import type { ExecutionRecord } from './executions.ts';
import { IN_FLIGHT_EXECUTION, UNFINISHED_INSTANCE } from './write-ops.ts';

export interface ClaimRepository {
  claimInstances(owner: string, leaseUntil: number, now: number, limit: number, all: boolean): TriggerInstanceRecord[];
  claimExecutions(owner: string, leaseUntil: number, now: number, limit: number, all: boolean): ExecutionRecord[];
  hasEnforcements(triggerInstanceId: string): boolean;
}

export function createClaimRepository(db: Database): ClaimRepository {
  // `? = 1` is the `all` flag: every unfinished row, whatever its lease. A NULL lease is a row from before
  // the ownership migration: nobody owns it.
  const expired = '(? = 1 OR lease_until IS NULL OR lease_until < ?)';
  const pickInstances = db.prepare<[number, number, number], TriggerInstanceRow>(
    `SELECT id, trigger, payload, occurrence_time, status, trace_tag FROM trigger_instances WHERE status IN ${UNFINISHED_INSTANCE} AND ${expired} ORDER BY seq LIMIT ?`,
  );
  const takeInstance = db.prepare('UPDATE trigger_instances SET owner = ?, lease_until = ? WHERE id = ?');
  const pickExecutions = db.prepare<[number, number, number], { id: string; record: string }>(
    `SELECT id, record FROM executions WHERE status IN ${IN_FLIGHT_EXECUTION} AND ${expired} ORDER BY rowid LIMIT ?`,
  );
  const takeExecution = db.prepare('UPDATE executions SET owner = ?, lease_until = ? WHERE id = ?');
  const anyEnforcement = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM rule_enforcements WHERE trigger_instance_id = ? LIMIT 1',
  );
  const instances = db.transaction((owner: string, leaseUntil: number, now: number, limit: number, all: boolean) => {
    const rows = pickInstances.all(all ? 1 : 0, now, limit);
    for (const row of rows) takeInstance.run(owner, leaseUntil, row.id);
    return rows.map(triggerInstanceFromRow);
  });
  const executions = db.transaction((owner: string, leaseUntil: number, now: number, limit: number, all: boolean) => {
    const rows = pickExecutions.all(all ? 1 : 0, now, limit);
    for (const row of rows) takeExecution.run(owner, leaseUntil, row.id);
    return rows.map((row) => JSON.parse(row.record) as ExecutionRecord);
  });
  return {
    claimInstances: (...args) => instances.immediate(...args),
    claimExecutions: (...args) => executions.immediate(...args),
    hasEnforcements: (id) => anyEnforcement.get(id) !== undefined,
  };
}
