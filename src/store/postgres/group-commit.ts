// Group commit for PostgreSQL: every commit() made while no transaction is running (one event-loop turn, or the
// time the previous transaction took) shares one transaction, so many webhooks pay one round of network and
// WAL flush. Fire-and-forget writes (status changes, executions, enforcements) ride in the same transaction,
// each in its own SAVEPOINT: one that violates a constraint (a second enforcement of the same rule) is rolled
// back and reported alone. Transactions run one after another, so writes apply in the order they were made.
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { TriggerInstanceRecord } from '../trigger-instances.ts';
import { unavailable } from './errors.ts';

/** One parameterised statement; `label` names it in reports (`enforcements.insert`). */
export interface Write {
  readonly label: string;
  readonly sql: string;
  readonly params: readonly unknown[];
  /** A fixed statement's prepared-statement name: parsed and planned once per connection, not per row. */
  readonly prepared?: string;
  /** Reported (not thrown) when the statement changed no row: an update of work another node has taken over. */
  readonly noRow?: string;
}

/** The writes of a committed batch that changed no row although they should have (Write.noRow). */
const unchanged = (writes: readonly Write[], results: ReadonlyArray<QueryResult | undefined>): Write[] =>
  writes.filter((w, i) => w.noRow !== undefined && results[i]?.rowCount === 0);

const send = (client: PoolClient, w: Write): Promise<QueryResult> =>
  client.query(
    w.prepared === undefined
      ? { text: w.sql, values: w.params as unknown[] }
      : { name: w.prepared, text: w.sql, values: w.params as unknown[] },
  );

interface Batch {
  records: TriggerInstanceRecord[];
  waiters: Array<{ resolve(): void; reject(error: unknown): void }>;
  writes: Write[];
  /** Settles when this batch's transaction has committed (or failed). */
  done: Promise<void>;
  settle(error?: Error): void;
}

export interface GroupCommit {
  commit(records: readonly TriggerInstanceRecord[]): Promise<void>;
  defer(write: Write): void;
  /** Resolves once everything queued before the call is committed; rejects if one of those transactions failed. */
  durable(): Promise<void>;
  /** Like durable() but never rejects: reads wait on it so they see the writes queued before them. */
  settled(): Promise<void>;
  /** Commits what is queued; later writes are refused. */
  close(): Promise<void>;
  /** Transactions committed or attempted so far (tests and metrics). */
  readonly transactions: number;
  /** Batches redone with one savepoint per write because a deferred write failed. */
  readonly slowPaths: number;
}

// SQLSTATE classes that mean "the database cannot take writes now", not "this row is wrong": connection
// exceptions (08), insufficient resources (53), operator intervention/timeouts (57), read-only transaction (25006).
function fatal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code === '25006' || code.startsWith('08') || code.startsWith('53') || code.startsWith('57');
}

// A connection lost while checked out also emits 'error' on its client (an uncaught exception without a
// listener); the failed query already reports it, so one no-op listener per client, added once.
const guarded = new WeakSet<PoolClient>();
export function guard(client: PoolClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.on('error', () => {});
}

function newBatch(): Batch {
  let settle!: (error?: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // Nobody may be waiting on a batch of fire-and-forget writes: its failure is reported through onError.
  done.catch(() => {});
  return { records: [], waiters: [], writes: [], done, settle };
}

export function createGroupCommit(
  pool: Pool,
  insertInstances: (records: readonly TriggerInstanceRecord[]) => Write[],
  onError: (error: unknown, label: string) => void,
): GroupCommit {
  let queued: Batch | undefined;
  let running: Batch | undefined;
  let scheduled = false;
  let closed = false;
  let transactions = 0;
  let slowPaths = 0;

  const schedule = (): void => {
    if (scheduled || running) return;
    scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: requests that arrived together share the transaction.
    setImmediate(() => void run());
  };
  const enqueue = (): Batch => {
    queued ??= newBatch();
    schedule();
    return queued;
  };

  /**
   * Fast path: every statement sent at once (one round trip with pg's pipeline mode), no savepoints. True when
   * committed; false when a deferred write failed on its own (the transaction is rolled back, nothing written);
   * throws when the database refused the batch itself (the trigger instances, or a fatal error).
   */
  async function allAtOnce(client: PoolClient, batch: Batch): Promise<boolean> {
    const instances = insertInstances(batch.records);
    const sent = [
      client.query('BEGIN'),
      ...instances.map((w) => send(client, w)),
      ...batch.writes.map((w) => send(client, w)),
      client.query('COMMIT'),
    ];
    const results = await Promise.allSettled(sent);
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ index: i, error: r.reason as unknown }] : [],
    );
    const commit = results[results.length - 1];
    // COMMIT of an aborted transaction answers ROLLBACK instead of failing.
    if (failures.length === 0 && commit?.status === 'fulfilled' && commit.value.command === 'COMMIT') {
      const offset = 1 + instances.length;
      const writeResults = batch.writes.map((_, i) => {
        const r = results[offset + i];
        return r?.status === 'fulfilled' ? r.value : undefined;
      });
      for (const w of unchanged(batch.writes, writeResults)) onError(new Error(w.noRow), w.label);
      return true;
    }
    await client.query('ROLLBACK').catch(() => {});
    const first = failures[0];
    if (!first) throw new Error('the transaction was rolled back');
    if (first.index <= instances.length || fatal(first.error)) throw first.error;
    return false;
  }

  /** Slow path after a deferred write failed: each write in its own SAVEPOINT, so only the failing ones are lost. */
  async function oneByOne(client: PoolClient, batch: Batch): Promise<void> {
    await client.query('BEGIN');
    try {
      for (const w of insertInstances(batch.records)) await send(client, w);
      for (const write of batch.writes) {
        await client.query('SAVEPOINT deferred_write');
        try {
          const result = await send(client, write);
          await client.query('RELEASE SAVEPOINT deferred_write');
          for (const w of unchanged([write], [result])) onError(new Error(w.noRow), w.label);
        } catch (error) {
          if (fatal(error)) throw error;
          await client.query('ROLLBACK TO SAVEPOINT deferred_write');
          await client.query('RELEASE SAVEPOINT deferred_write');
          onError(error, write.label);
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async function execute(batch: Batch): Promise<void> {
    transactions += 1;
    const client = await pool.connect();
    guard(client);
    let broken: unknown;
    try {
      if (!(await allAtOnce(client, batch))) {
        slowPaths += 1;
        await oneByOne(client, batch);
      }
    } catch (error) {
      broken = error;
      throw error;
    } finally {
      // A connection that failed mid-transaction is discarded rather than handed to the next caller.
      client.release(broken !== undefined && fatal(broken) ? (broken as Error) : undefined);
    }
  }

  async function run(): Promise<void> {
    scheduled = false;
    const batch = queued;
    queued = undefined;
    if (!batch) return;
    running = batch;
    try {
      await execute(batch);
      for (const w of batch.waiters) w.resolve();
      batch.settle();
    } catch (error) {
      const failure = unavailable(error);
      for (const w of batch.waiters) w.reject(failure);
      if (batch.writes.length > 0) onError(failure, `${batch.writes.length} deferred write(s)`);
      batch.settle(failure);
    } finally {
      running = undefined;
      if (queued) schedule();
    }
  }

  const pendingDone = (): Array<Promise<void>> =>
    [running?.done, queued?.done].filter((p): p is Promise<void> => p !== undefined);

  return {
    commit(records) {
      if (closed) return Promise.reject(unavailable(new Error('the store is closed')));
      return new Promise<void>((resolve, reject) => {
        const batch = enqueue();
        batch.records.push(...records);
        batch.waiters.push({ resolve, reject });
      });
    },
    defer(write) {
      if (closed) {
        onError(new Error('the store is closed'), write.label);
        return;
      }
      enqueue().writes.push(write);
    },
    async durable() {
      await Promise.all(pendingDone());
    },
    async settled() {
      await Promise.allSettled(pendingDone());
    },
    async close() {
      closed = true;
      // A batch queued while another ran is scheduled when that one ends; wait until both are done.
      while (running || queued) await Promise.allSettled(pendingDone());
    },
    get transactions() {
      return transactions;
    },
    get slowPaths() {
      return slowPaths;
    },
  };
}
