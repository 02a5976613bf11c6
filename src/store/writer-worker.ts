// The writer thread: owns its own better-sqlite3 connection (WAL, synchronous=FULL) and commits each batch the
// main thread posts in one transaction, so the fsync blocks this thread, never the HTTP event loop. The main
// connection keeps reading (WAL readers see every committed batch). Protocol in worker-group-commit.ts.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { syncMode } from './sync-mode.ts';
import { createOpApplier } from './write-ops.ts';
import { createFileGuard } from './file-guard.ts';
import type { BatchMessage, WorkerData, WorkerReply } from './worker-group-commit.ts';

const { path, signal } = workerData as WorkerData;
const done = new Int32Array(signal);
const db = new BetterSqlite3(path);
db.pragma('journal_mode = WAL');
// Workers inherit the environment: the same setting as the main connection.
db.pragma(`synchronous = ${syncMode()}`);
db.pragma('busy_timeout = 5000');
const applier = createOpApplier(db);
const guard = createFileGuard(path);

function handle(message: BatchMessage | { type: 'close' }): void {
  if (message.type === 'close') {
    if (db.open) db.close();
    Atomics.store(done, 1, 1);
    Atomics.notify(done, 1);
    return;
  }
  const deferredErrors: string[] = [];
  let reply: WorkerReply;
  try {
    guard();
    db.transaction(() => {
      applier.insertTriggerInstances(message.records, message.ownership);
      for (const op of message.ops) {
        try {
          applier.apply(op);
        } catch (error) {
          // SQLite rolled back that statement only; the batch (and the trigger instances) still commit.
          deferredErrors.push(String(error));
        }
      }
    })();
    reply = { seq: message.seq, deferredErrors };
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown };
    reply = {
      seq: message.seq,
      deferredErrors,
      error: { message: String(e.message ?? error), code: typeof e.code === 'string' ? e.code : undefined },
    };
  }
  // Published before the reply so a main thread blocked in close() (Atomics.wait) wakes without the event loop.
  Atomics.store(done, 0, message.seq);
  Atomics.notify(done, 0);
  parentPort?.postMessage(reply);
}

parentPort?.on('message', handle);
