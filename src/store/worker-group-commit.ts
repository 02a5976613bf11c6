// Group commit on a writer thread (writer-worker.ts). At most one batch is in flight: while the worker syncs
// it, new trigger instances and processing writes queue up and go together as the next batch, so the batch
// size adapts to the load and the event loop never waits on fsync. A commit() or barrier() promise settles
// only after the worker reports the transaction holding what was queued before it committed (or failed: then
// every waiter of that batch fails). Only close() blocks the thread (Atomics.wait), at shutdown.
import { Worker } from 'node:worker_threads';
import { triggerInstanceRow } from './trigger-instances.ts';
import type { Ownership, TriggerInstanceRow } from './trigger-instances.ts';
import { createOpQueue } from './write-ops.ts';
import type { WriteOp } from './write-ops.ts';
import type { BatchWriter } from './group-commit.ts';

export interface WorkerData {
  path: string;
  /** Int32Array view: [0] = last batch seq the worker finished, [1] = 1 once the worker closed its connection. */
  signal: SharedArrayBuffer;
}

export interface BatchMessage {
  type: 'batch';
  seq: number;
  records: TriggerInstanceRow[];
  ownership: Ownership;
  ops: WriteOp[];
}

export interface WorkerReply {
  seq: number;
  deferredErrors: string[];
  error?: { message: string; code: string | undefined };
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

const FLUSH_TIMEOUT_MS = 10_000;

/**
 * The worker is TypeScript like us. `--import tsx` does not reach worker threads on Node 20 (loader hooks are
 * per thread), so a .ts worker is started by a one-line bootstrap that loads it through tsx's tsImport.
 */
function startWorker(data: WorkerData): Worker {
  // Compiled (dist/, `npm run build`) the worker is JavaScript next to this file.
  const url = new URL(import.meta.url.endsWith('.js') ? './writer-worker.js' : './writer-worker.ts', import.meta.url)
    .href;
  if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData: data });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url)}, ${JSON.stringify(url)}))`;
  return new Worker(boot, { eval: true, workerData: data });
}

export function createWorkerWriter(
  path: string,
  ownership: () => Ownership,
  onDeferredError: (error: unknown) => void,
): BatchWriter {
  const signal = new SharedArrayBuffer(8);
  const done = new Int32Array(signal);
  let worker: Worker | undefined;
  let broken: Error | undefined;
  let records: TriggerInstanceRow[] = [];
  let waiters: Waiter[] = [];
  const ops = createOpQueue();
  let posted = 0;
  let acked = 0;
  let scheduled = false;
  const inFlight = new Map<number, Waiter[]>();

  const fail = (error: Error): void => {
    broken = error;
    for (const ws of inFlight.values()) for (const w of ws) w.reject(error);
    inFlight.clear();
    for (const w of waiters) w.reject(error);
    waiters = [];
  };
  // Started on first write: CLI commands that only read or manage keys never pay for a thread.
  const start = (): Worker => {
    if (worker) return worker;
    const w = startWorker({ path, signal });
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      acked = Math.max(acked, reply.seq);
      const ws = inFlight.get(reply.seq) ?? [];
      inFlight.delete(reply.seq);
      for (const e of reply.deferredErrors) onDeferredError(new Error(e));
      if (reply.error) {
        const error = Object.assign(new Error(reply.error.message), { code: reply.error.code });
        for (const x of ws) x.reject(error);
        if (ws.length === 0) onDeferredError(error);
      } else {
        for (const x of ws) x.resolve();
      }
      if (acked === posted) post();
    });
    w.on('error', (error) => fail(error));
    w.on('exit', (code) => {
      if (!broken) fail(new Error(`store writer thread exited (${code})`));
    });
    worker = w;
    return w;
  };
  function post(): void {
    scheduled = false;
    if (records.length === 0 && ops.length === 0 && waiters.length === 0) return;
    if (broken) return fail(broken);
    const seq = ++posted;
    const message: BatchMessage = { type: 'batch', seq, records, ownership: ownership(), ops: ops.take() };
    inFlight.set(seq, waiters);
    records = [];
    waiters = [];
    start().postMessage(message);
  }
  const schedule = (): void => {
    if (scheduled || acked !== posted) return; // the in-flight batch's reply posts the next one
    scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: requests that arrived together share one batch.
    setImmediate(() => {
      if (acked === posted) post();
      else scheduled = false;
    });
  };
  const waitFor = (seq: number): void => {
    const deadline = Date.now() + FLUSH_TIMEOUT_MS;
    for (let seen = Atomics.load(done, 0); seen < seq; seen = Atomics.load(done, 0)) {
      if (broken || Date.now() > deadline) throw broken ?? new Error('store writer thread did not answer in 10 s');
      Atomics.wait(done, 0, seen, 100);
    }
  };
  const wait = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      schedule();
    });
  return {
    commit(batch) {
      if (broken) return Promise.reject(broken);
      // Serialised here (the snapshot): a string crosses to the thread far cheaper than the payload object.
      for (const r of batch) records.push(triggerInstanceRow(r));
      return wait();
    },
    enqueue(op) {
      ops.push(op);
      schedule();
    },
    barrier() {
      if (broken) return Promise.reject(broken);
      if (records.length > 0 || ops.length > 0 || waiters.length > 0) return wait();
      // Nothing queued: wait for the batch in flight, if any (it holds every earlier write).
      const current = acked === posted ? undefined : inFlight.get(posted);
      if (!current) return Promise.resolve();
      return new Promise<void>((resolve, reject) => current.push({ resolve, reject }));
    },
    close() {
      if (!worker && records.length === 0 && ops.length === 0) return;
      // Post what is queued now even with a batch in flight: the worker applies messages in order.
      if (records.length > 0 || ops.length > 0 || waiters.length > 0) post();
      waitFor(posted);
      if (!worker) return;
      worker.postMessage({ type: 'close' });
      const deadline = Date.now() + FLUSH_TIMEOUT_MS;
      while (Atomics.load(done, 1) !== 1 && Date.now() < deadline && !broken) Atomics.wait(done, 1, 0, 100);
      void worker.terminate();
    },
  };
}
