// Group commit on this thread: trigger instances of concurrent requests and the queued processing writes are
// written in one transaction per event-loop turn (or, while a WAL sync runs, one when it returns), so
// durability costs one WAL sync per batch instead of one per request. Each commit() and barrier() promise settles only after the transaction holding what was queued
// before it is durable (or failed: then every waiter of that batch fails). A failing processing write is
// reported without failing the batch.
//
// File stores sync the WAL themselves, off the event loop (walFile, startSync): the batch's transaction runs with
// synchronous=NORMAL (WAL frames written, not yet synced), then fdatasync of the -wal file runs in libuv's
// thread pool and the batch's waiters settle when it returns. SQLite's FULL is exactly NORMAL plus a sync of
// the WAL after each commit (https://sqlite.org/pragma.html#pragma_synchronous), so a 202 keeps FULL's promise
// while the event loop goes on serving during the sync. Syncs are grouped too: while one runs, the batches
// committed meanwhile wait for the next.
import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { triggerInstanceRow } from './trigger-instances.ts';
import type { Ownership, TriggerInstanceRecord, TriggerInstanceRow } from './trigger-instances.ts';
import { createOpApplier, createOpQueue } from './write-ops.ts';
import type { QueuedOp, WriteOp } from './write-ops.ts';

/** What the store needs from a writer (this one, or the writer thread of worker-group-commit.ts). */
export interface BatchWriter {
  /** Resolves once `records` are durably committed (owned by this node, see Ownership). */
  commit(records: readonly TriggerInstanceRecord[]): Promise<void>;
  /** Joins the next batch; nobody waits for it (see barrier). */
  enqueue(op: QueuedOp): void;
  /** Resolves once the batch holding everything queued before the call is durable. */
  barrier(): Promise<void>;
  /** Commits what is queued, syncs it and stops (blocking: shutdown only). */
  close(): void;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  onDeferredError?: (error: unknown) => void;
  /**
   * The database file whose `-wal` file this writer syncs after each batch (the connection must be in WAL
   * mode). Without it, a commit is as durable as the connection's own `synchronous` setting makes it.
   */
  syncWalOf?: string;
  /** The WAL sync (default fs.fdatasync); tests hold or fail it. */
  sync?: (fd: number, done: (error: Error | null) => void) => void;
  /** Throws when the store file is no longer the one opened (file-guard.ts); checked before each batch. */
  guard?: () => void;
}

/** The -wal file's descriptor, reopened if SQLite ever replaced the file (a last connection closing deletes it). */
function walFile(dbPath: string): { fd(): number; close(): void } {
  const path = `${dbPath}-wal`;
  let fd: number | undefined;
  return {
    fd() {
      if (fd !== undefined && fstatSync(fd).nlink > 0) return fd;
      if (fd !== undefined) closeSync(fd);
      // Forgotten before reopening: if the open fails, close() must not close the old number again (EBADF).
      fd = undefined;
      fd = openSync(path, 'r+');
      return fd;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export function createGroupCommit(
  db: Database,
  ownership: () => Ownership,
  options: GroupCommitOptions = {},
): BatchWriter {
  const onDeferredError = options.onDeferredError ?? (() => {});
  const applier = createOpApplier(db);
  const wal = options.syncWalOf !== undefined ? walFile(options.syncWalOf) : undefined;
  // Only the batches skip SQLite's own sync (we sync the WAL after them); every other write on this connection
  // (keys, tokens, the datastore, claims) keeps synchronous=FULL.
  const normal = wal ? db.prepare('PRAGMA synchronous = NORMAL') : undefined;
  const full = wal ? db.prepare('PRAGMA synchronous = FULL') : undefined;
  let records: TriggerInstanceRow[] = [];
  let waiters: Waiter[] = [];
  const ops = createOpQueue();
  let scheduled = false;
  // Committed, waiting for the next WAL sync; `syncing` while one runs in the thread pool.
  let unsynced: Waiter[] = [];
  let syncing = false;
  // Something was committed since the last sync started.
  let dirty = false;
  const sync = options.sync ?? fdatasync;

  // A batch queued while a sync runs is committed when the sync returns, not at once: its waiters could not be
  // answered before the next sync anyway, and one larger transaction writes each hot page (the tails of the
  // tables and indexes) to the WAL once instead of once per turn.
  let afterSync = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    if (syncing) {
      afterSync = true;
      return;
    }
    // setImmediate runs after the I/O callbacks of this turn: requests that arrived together share it.
    setImmediate(flush);
  };

  function startSync(): void {
    const batch = unsynced;
    unsynced = [];
    syncing = true;
    dirty = false;
    let fd: number;
    try {
      fd = wal!.fd();
    } catch (error) {
      syncing = false;
      for (const w of batch) w.reject(error);
      return;
    }
    sync(fd, (error) => {
      syncing = false;
      for (const w of batch)
        if (error) w.reject(error);
        else w.resolve();
      if (afterSync) {
        // flush() commits what queued meanwhile and starts the next sync (for barrier() waiters too).
        afterSync = false;
        setImmediate(flush);
      } else if (unsynced.length > 0) startSync();
    });
  }

  function write(batch: TriggerInstanceRow[], writes: WriteOp[]): void {
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
  }

  function flush(): void {
    scheduled = false;
    commitQueued();
    // Waiters of this batch, and barrier() waiters that arrived during the last sync, get the next sync.
    if (wal && !syncing && unsynced.length > 0) startSync();
  }

  function commitQueued(): void {
    const batch = records;
    const writes = ops.take();
    const ws = waiters;
    records = [];
    waiters = [];
    if (batch.length === 0 && writes.length === 0 && ws.length === 0) return;
    try {
      options.guard?.();
      if (normal) normal.run();
      try {
        write(batch, writes);
      } finally {
        if (full) full.run();
      }
    } catch (error) {
      for (const w of ws) w.reject(error);
      if (ws.length === 0) onDeferredError(error);
      return;
    }
    if (!wal) {
      for (const w of ws) w.resolve();
      return;
    }
    // Writes nobody waits for need no sync of their own: the next one covers them (barrier() starts one when asked).
    dirty = true;
    for (const w of ws) unsynced.push(w);
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
      if (records.length === 0 && ops.length === 0 && waiters.length === 0) {
        // Nothing queued and nothing committed since the last sync returned: every earlier write is durable.
        if (!wal || (!syncing && !dirty && unsynced.length === 0)) return Promise.resolve();
        // A sync is running or due: the next one starts after it and covers every commit made so far.
        return new Promise<void>((resolve, reject) => {
          unsynced.push({ resolve, reject });
          if (!syncing) startSync();
        });
      }
      return wait();
    },
    close() {
      scheduled = false;
      commitQueued();
      if (!wal) return;
      // Blocking, at shutdown: what the batches committed reaches the disk before the connection closes.
      const waiting = unsynced;
      unsynced = [];
      try {
        fdatasyncSync(wal.fd());
        for (const w of waiting) w.resolve();
      } catch (error) {
        for (const w of waiting) w.reject(error);
        onDeferredError(error);
      }
      // A sync still running in the pool keeps the descriptor until it returns.
      if (!syncing) wal.close();
    },
  };
}
