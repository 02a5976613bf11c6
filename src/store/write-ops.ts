// Store writes as plain data, so they can cross to the writer worker (closures cannot) and be applied there.
import type { Database } from 'better-sqlite3';
import { createTriggerInstanceRepository } from './trigger-instances.ts';
import type { TriggerInstanceRecord, TriggerInstanceStatus } from './trigger-instances.ts';
import { createExecutionRepository } from './executions.ts';
import type { ExecutionRecord } from './executions.ts';
import { createEnforcementRepository } from './enforcements.ts';
import type { EnforcementRecord } from './enforcements.ts';

export type WriteOp =
  | { op: 'triggerInstances.setStatus'; id: string; status: TriggerInstanceStatus }
  | { op: 'executions.insert'; record: ExecutionRecord }
  | { op: 'executions.update'; record: ExecutionRecord }
  | { op: 'enforcements.insert'; record: EnforcementRecord };

export interface OpApplier {
  insertTriggerInstances(records: readonly TriggerInstanceRecord[]): void;
  apply(op: WriteOp): void;
}

export function createOpApplier(db: Database): OpApplier {
  const triggerInstances = createTriggerInstanceRepository(db);
  const executions = createExecutionRepository(db);
  const enforcements = createEnforcementRepository(db);
  return {
    insertTriggerInstances: (records) => triggerInstances.insertMany(records),
    apply(op) {
      switch (op.op) {
        case 'triggerInstances.setStatus':
          return triggerInstances.setStatus(op.id, op.status);
        case 'executions.insert':
          return executions.insert(op.record);
        case 'executions.update':
          return executions.update(op.record);
        case 'enforcements.insert':
          return enforcements.insert(op.record);
      }
    },
  };
}
