// bcrypt off the event loop (issue 16): bcryptjs is JavaScript, and one comparison at cost 10-12 takes 0.1-1 s of
// CPU; on the main thread 16 parallel wrong logins held every webhook for 4-12 s. One worker thread does the
// comparisons in order, so logins wait for each other, never the webhooks. Started on first use, unref'd so it
// never keeps a process alive, restarted if it dies.
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated in the worker, so no TypeScript loader is needed there.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.bcrypt).then((m) => {
  const bcrypt = m.default ?? m;
  parentPort.on('message', ({ id, password, hash }) => {
    let ok = false;
    try { ok = bcrypt.compareSync(password, hash); } catch { ok = false; }
    parentPort.postMessage({ id, ok });
  });
  parentPort.postMessage({ ready: true });
});
`;

interface Pending {
  resolve(ok: boolean): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  const w = new Worker(SOURCE, { eval: true, workerData: { bcrypt: import.meta.resolve('bcryptjs') } });
  w.unref();
  w.on('message', (m: { id?: number; ok?: boolean }) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    p?.resolve(m.ok === true);
    if (pending.size === 0) w.unref();
  });
  const fail = (error: Error): void => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`bcrypt worker exited with ${code}`)));
  return w;
}

/** bcrypt's compare in the worker thread: resolves true when `password` matches `hash`. */
export function bcryptCompare(password: string, hash: string): Promise<boolean> {
  worker ??= start();
  const w = worker;
  // Referenced while a comparison is owed, so a caller awaiting it is not left behind by an exiting loop.
  w.ref();
  const id = nextId++;
  return new Promise<boolean>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, password, hash });
  });
}
