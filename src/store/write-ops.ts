// Store writes as plain data, so they can cross to the writer worker (closures cannot) and be applied there.
import type { Database } from 'better-sqlite3';
import { createTriggerInstanceRepository } from './trigger-instances.ts';
import type { Ownership, TriggerInstanceRecord, TriggerInstanceStatus } from './trigger-instances.ts';
import { createExecutionRepository } from './executions.ts';
import type { ExecutionRecord } from './executions.ts';
import { createEnforcementRepository } from './enforcements.ts';
import type { EnforcementRecord } from './enforcements.ts';

export type WriteOp =
  | { op: 'triggerInstances.setStatus'; id: string; status: TriggerInstanceStatus }
  | { op: 'executions.insert'; record: ExecutionRecord; ownership: Ownership }
  | { op: 'executions.update'; record: ExecutionRecord }
  | { op: 'enforcements.insert'; record: EnforcementRecord }
  | { op: 'claims.renew'; owner: string; leaseUntil: number };

export interface OpApplier {
  insertTriggerInstances(records: readonly TriggerInstanceRecord[], ownership?: Ownership): void;
  apply(op: WriteOp): void;
}

/** The unfinished states whose rows carry a live lease (see claims.ts). */
export const UNFINISHED_INSTANCE = "('pending', 'processing')";
export const IN_FLIGHT_EXECUTION = "('requested', 'scheduled', 'running')";

export function createOpApplier(db: Database): OpApplier {
  const triggerInstances = createTriggerInstanceRepository(db);
  const executions = createExecutionRepository(db);
  const enforcements = createEnforcementRepository(db);
  const renewInstances = db.prepare(`UPDATE trigger_instances SET lease_until = ? WHERE owner = ? AND status IN ${UNFINISHED_INSTANCE}`);
  const renewExecutions = db.prepare(`UPDATE executions SET lease_until = ? WHERE owner = ? AND status IN ${IN_FLIGHT_EXECUTION}`);
  return {
    insertTriggerInstances: (records, ownership) => triggerInstances.insertMany(records, ownership),
    apply(op) {
      switch (op.op) {
        case 'triggerInstances.setStatus':
          return triggerInstances.setStatus(op.id, op.status);
        case 'executions.insert':
          return executions.insert(op.record, op.ownership);
        case 'executions.update':
          return executions.update(op.record);
        case 'enforcements.insert':
          return enforcements.insert(op.record);
        case 'claims.renew':
          renewInstances.run(op.leaseUntil, op.owner);
          renewExecutions.run(op.leaseUntil, op.owner);
          return;
      }
    },
  };
}
