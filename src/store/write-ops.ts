// Store writes as plain data, so they can cross to the writer worker (closures cannot) and be applied there.
import type { Database } from 'better-sqlite3';
import { createTriggerInstanceRepository } from './trigger-instances.ts';
import type { Ownership, TriggerInstanceRow, TriggerInstanceStatus } from './trigger-instances.ts';
import { createExecutionRepository, executionRow } from './executions.ts';
import type { ExecutionRecord, ExecutionRow } from './executions.ts';
import { createEnforcementRepository } from './enforcements.ts';
import type { EnforcementRow } from './enforcements.ts';

export type WriteOp =
  | { op: 'triggerInstances.setStatus'; id: string; status: TriggerInstanceStatus }
  // Rows carry the record as JSON: serialised once on the caller's thread, which is also the snapshot, and a
  // string crosses to the writer thread far cheaper than the object would (structured clone).
  | { op: 'executions.insert'; row: ExecutionRow; ownership: Ownership }
  | { op: 'executions.update'; row: ExecutionRow }
  | { op: 'enforcements.insert'; row: EnforcementRow }
  | { op: 'claims.renew'; owner: string; leaseUntil: number };

export interface OpApplier {
  insertTriggerInstances(rows: readonly TriggerInstanceRow[], ownership?: Ownership): void;
  apply(op: WriteOp): void;
}

/** The unfinished states whose rows carry a live lease (see claims.ts). */
export const UNFINISHED_INSTANCE = "('pending', 'processing')";
export const IN_FLIGHT_EXECUTION = "('requested', 'scheduled', 'running')";

export function createOpApplier(db: Database): OpApplier {
  const triggerInstances = createTriggerInstanceRepository(db);
  const executions = createExecutionRepository(db);
  const enforcements = createEnforcementRepository(db);
  const renewInstances = db.prepare(
    `UPDATE trigger_instances SET lease_until = ? WHERE owner = ? AND status IN ${UNFINISHED_INSTANCE}`,
  );
  const renewExecutions = db.prepare(
    `UPDATE executions SET lease_until = ? WHERE owner = ? AND status IN ${IN_FLIGHT_EXECUTION}`,
  );
  return {
    insertTriggerInstances: (rows, ownership) => triggerInstances.insertRows(rows, ownership),
    apply(op) {
      switch (op.op) {
        case 'triggerInstances.setStatus':
          return triggerInstances.setStatus(op.id, op.status);
        case 'executions.insert':
          return executions.insertRow(op.row, op.ownership);
        case 'executions.update':
          return executions.updateRow(op.row);
        case 'enforcements.insert':
          return enforcements.insertRow(op.row);
        case 'claims.renew':
          renewInstances.run(op.leaseUntil, op.owner);
          renewExecutions.run(op.leaseUntil, op.owner);
          return;
      }
    },
  };
}

/*
 * The writes queued for the next batch. An execution's later update replaces its earlier insert or update of
 * the same batch, and a trigger instance's later status its earlier one (same transaction, so nothing observes
 * the intermediate state): a run that is inserted, scheduled and started within one batch costs one statement
 * instead of three, an instance marked processing then processed one update instead of two.
 */
/**
 * An execution write as queued: the record itself, serialised when its batch is taken. The engine queues every
 * change of an execution and later states replace earlier ones in a batch, so serialising once, at the end,
 * writes what serialising at each change would have, minus the JSON of the states nobody reads.
 */
export type QueuedOp =
  | Exclude<WriteOp, { op: 'executions.insert' | 'executions.update' }>
  | { op: 'executions.insert'; record: ExecutionRecord; ownership: Ownership }
  | { op: 'executions.update'; record: ExecutionRecord };

export interface OpQueue {
  push(op: QueuedOp): void;
  /** Empties the queue and returns its ops in order, executions serialised as they are now. */
  take(): WriteOp[];
  readonly length: number;
}

const toWriteOp = (op: QueuedOp): WriteOp => {
  if (op.op === 'executions.insert') return { op: op.op, row: executionRow(op.record), ownership: op.ownership };
  if (op.op === 'executions.update') return { op: op.op, row: executionRow(op.record) };
  return op;
};

export function createOpQueue(): OpQueue {
  let ops: QueuedOp[] = [];
  let executions = new Map<string, Extract<QueuedOp, { op: 'executions.insert' | 'executions.update' }>>();
  let statuses = new Map<string, Extract<QueuedOp, { op: 'triggerInstances.setStatus' }>>();
  return {
    push(op) {
      if (op.op === 'triggerInstances.setStatus') {
        const earlier = statuses.get(op.id);
        if (earlier) {
          earlier.status = op.status;
          return;
        }
        statuses.set(op.id, op);
      }
      if (op.op === 'executions.update') {
        const earlier = executions.get(op.record.id);
        if (earlier) {
          earlier.record = op.record;
          return;
        }
      }
      ops.push(op);
      if (op.op === 'executions.insert' || op.op === 'executions.update') executions.set(op.record.id, op);
    },
    take() {
      const taken = ops.map(toWriteOp);
      ops = [];
      executions = new Map();
      statuses = new Map();
      return taken;
    },
    get length() {
      return ops.length;
    },
  };
}
