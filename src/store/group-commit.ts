// Group commit: trigger instances of concurrent requests are written in one transaction per event-loop turn,
// so durability costs one WAL sync per batch instead of one per request. Each caller's promise settles only
// after the transaction holding its rows has committed (or failed: then every caller of that batch fails).
// Processing writes (status changes, enforcements, executions) ride in the same transaction as `deferred`
// operations: they are not awaited by anyone, and a failing one is reported without failing the batch.
import type { Database } from 'better-sqlite3';
import type { TriggerInstanceRecord, TriggerInstanceRepository } from './trigger-instances.ts';

export interface GroupCommit {
  /** Resolves once `records` are durably committed. */
  commit(records: readonly TriggerInstanceRecord[]): Promise<void>;
  /** Runs `write` inside the next batch transaction (before this turn of the event loop ends). */
  defer(write: () => void): void;
  /** Writes whatever is queued now (before reads that must see deferred writes, and on shutdown). */
  flush(): void;
}

interface Waiter {
  records: readonly TriggerInstanceRecord[];
  resolve(): void;
  reject(error: unknown): void;
}

export function createGroupCommit(db: Database, repository: TriggerInstanceRepository, onDeferredError: (error: unknown) => void = () => {}): GroupCommit {
  let waiters: Waiter[] = [];
  let deferred: Array<() => void> = [];
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: requests that arrived together share it.
    setImmediate(flush);
  };
  function flush(): void {
    scheduled = false;
    const batch = waiters;
    const writes = deferred;
    waiters = [];
    deferred = [];
    if (batch.length === 0 && writes.length === 0) return;
    try {
      db.transaction(() => {
        repository.insertMany(batch.flatMap((w) => w.records));
        for (const write of writes) {
          try {
            write();
          } catch (error) {
            // SQLite rolled back that statement only; the batch (and the trigger instances) still commit.
            onDeferredError(error);
          }
        }
      })();
    } catch (error) {
      for (const w of batch) w.reject(error);
      if (batch.length === 0) onDeferredError(error);
      return;
    }
    for (const w of batch) w.resolve();
  }
  return {
    commit(records) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ records, resolve, reject });
        schedule();
      });
    },
    defer(write) {
      deferred.push(write);
      schedule();
    },
    flush,
  };
}
