// Group commit on this thread (the `:memory:` store, and RULES_STORE_WRITER=inline): trigger instances of
// concurrent requests and the queued processing writes are written in one transaction per event-loop turn, so
// durability costs one WAL sync per batch instead of one per request. Each commit() and barrier() promise
// settles only after the transaction holding what was queued before it has committed (or failed: then every
// waiter of that batch fails). A failing processing write is reported without failing the batch.
import type { Database } from 'better-sqlite3';
import { triggerInstanceRow } from './trigger-instances.ts';
import type { Ownership, TriggerInstanceRecord, TriggerInstanceRow } from './trigger-instances.ts';
import { createOpApplier, createOpQueue } from './write-ops.ts';
import type { WriteOp } from './write-ops.ts';

/** What the store needs from a writer (this one, or the writer thread of worker-group-commit.ts). */
export interface BatchWriter {
  /** Resolves once `records` are durably committed (owned by this node, see Ownership). */
  commit(records: readonly TriggerInstanceRecord[]): Promise<void>;
  /** Joins the next batch; nobody waits for it (see barrier). */
  enqueue(op: WriteOp): void;
  /** Resolves once the batch holding everything queued before the call has committed. */
  barrier(): Promise<void>;
  /** Commits what is queued and stops (blocking: shutdown only). */
  close(): void;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export function createGroupCommit(db: Database, ownership: () => Ownership, onDeferredError: (error: unknown) => void = () => {}): BatchWriter {
  const applier = createOpApplier(db);
  let records: TriggerInstanceRow[] = [];
  let waiters: Waiter[] = [];
  const ops = createOpQueue();
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: requests that arrived together share it.
    setImmediate(flush);
  };
  function flush(): void {
    scheduled = false;
    const batch = records;
    const writes = ops.take();
    const ws = waiters;
    records = [];
    waiters = [];
    if (batch.length === 0 && writes.length === 0 && ws.length === 0) return;
    try {
      db.transaction(() => {
        applier.insertTriggerInstances(batch, ownership());
        for (const op of writes) {
          try {
            applier.apply(op);
          } catch (error) {
            // SQLite rolled back that statement only; the batch (and the trigger instances) still commit.
            onDeferredError(error);
          }
        }
      })();
    } catch (error) {
      for (const w of ws) w.reject(error);
      if (ws.length === 0) onDeferredError(error);
      return;
    }
    for (const w of ws) w.resolve();
  }
  const wait = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      schedule();
    });
  return {
    commit(batch) {
      for (const r of batch) records.push(triggerInstanceRow(r));
      return wait();
    },
    enqueue(op) {
      ops.push(op);
      schedule();
    },
    barrier() {
      // Nothing queued: every earlier write is already committed (flush is synchronous here).
      if (records.length === 0 && ops.length === 0 && waiters.length === 0) return Promise.resolve();
      return wait();
    },
    close: flush,
  };
}
