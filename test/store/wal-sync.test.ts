// The inline group commit of a file store syncs the WAL itself, off the event loop: a commit's promise settles
// only after the sync that started after its transaction returned; a failed sync fails its waiters (never a 202);
// batches committed while a sync runs share the next one; every other write on the connection stays FULL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultWriter, migrate, openStore } from '../../src/store/index.ts';
import { createGroupCommit } from '../../src/store/group-commit.ts';
import { createOpQueue } from '../../src/store/write-ops.ts';

const rec = (id: string) => ({
  id,
  trigger: 'core.x',
  payload: { body: { id } },
  occurrence_time: '2026-01-01T00:00:00.000000Z',
  status: 'pending' as const,
  trace_tag: `t-${id}`,
});
const ownership = () => ({ owner: 'node-t', leaseUntil: Date.now() + 60_000 });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit with its own WAL sync', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-wal-sync-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function open(name: string): { db: Database.Database; path: string } {
    const path = join(dir, name);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
    return { db, path };
  }

  it('settles a commit only when the sync that followed its transaction returns; batches meanwhile share the next sync', async () => {
    const { db, path } = open('held.db');
    const held: Array<(error: Error | null) => void> = [];
    const writer = createGroupCommit(db, ownership, { syncWalOf: path, sync: (_fd, done) => held.push(done) });
    const settled: string[] = [];
    const first = writer.commit([rec('a')]).then(() => settled.push('a'));
    await tick();
    assert.equal(held.length, 1, 'one sync started after the first batch');
    // Committed (another connection sees it) but not yet acknowledged.
    const other = new Database(path, { readonly: true });
    assert.equal(other.prepare<[], { n: number }>('SELECT count(*) AS n FROM trigger_instances').get()?.n, 1);
    const second = writer.commit([rec('b')]).then(() => settled.push('b'));
    const third = writer.commit([rec('c')]).then(() => settled.push('c'));
    await tick();
    await tick();
    assert.equal(held.length, 1, 'no second sync while one runs');
    assert.deepEqual(settled, []);
    held[0]!(null);
    await first;
    assert.deepEqual(settled, ['a']);
    await tick();
    assert.equal(held.length, 2, 'the batches committed during the first sync share the second');
    held[1]!(null);
    await Promise.all([second, third]);
    assert.deepEqual(settled.sort(), ['a', 'b', 'c']);
    // The connection is back to FULL for writes outside the batches (keys, tokens, the datastore).
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    other.close();
    writer.close();
    db.close();
  });

  it('a failed sync rejects the commits waiting on it; the next batch gets a sync of its own', async () => {
    const { db, path } = open('fail.db');
    let calls = 0;
    const writer = createGroupCommit(db, ownership, {
      syncWalOf: path,
      sync: (_fd, done) =>
        setImmediate(() =>
          done((calls += 1) === 1 ? Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }) : null),
        ),
    });
    await assert.rejects(writer.commit([rec('x')]), /EIO/);
    await writer.commit([rec('y')]);
    assert.equal(calls, 2);
    writer.close();
    db.close();
  });

  it('barrier() after writes nobody waited for starts a sync and resolves only when it returns', async () => {
    const { db, path } = open('barrier.db');
    const held: Array<(error: Error | null) => void> = [];
    const writer = createGroupCommit(db, ownership, { syncWalOf: path, sync: (_fd, done) => held.push(done) });
    writer.enqueue({ op: 'claims.renew', owner: 'node-t', leaseUntil: 1 });
    await tick();
    assert.equal(held.length, 0, 'a batch without waiters does not sync by itself');
    let done = false;
    const barrier = writer.barrier().then(() => (done = true));
    await tick();
    assert.equal(held.length, 1);
    assert.equal(done, false);
    held[0]!(null);
    await barrier;
    // Nothing committed since: resolves at once, no new sync.
    await writer.barrier();
    assert.equal(held.length, 1);
    writer.close();
    db.close();
  });

  it('a file store with the inline writer syncs for real: what a commit acknowledged is there after a reopen', async () => {
    const path = join(dir, 'real.db');
    const store = openStore(path, { writer: 'inline' });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.commit([rec(`r${i}`)])));
    await store.close();
    const again = openStore(path, { writer: 'inline' });
    assert.equal((await again.triggerInstances.list({ limit: 100 })).length, 50);
    await again.close();
  });
});

describe('write queue folding', () => {
  it("keeps one status write per trigger instance and batch: the last one, at the first one's place", () => {
    const queue = createOpQueue();
    queue.push({ op: 'triggerInstances.setStatus', id: 'a', status: 'processing' });
    queue.push({ op: 'triggerInstances.setStatus', id: 'b', status: 'processing' });
    queue.push({ op: 'triggerInstances.setStatus', id: 'a', status: 'processed' });
    assert.deepEqual(queue.take(), [
      { op: 'triggerInstances.setStatus', id: 'a', status: 'processed' },
      { op: 'triggerInstances.setStatus', id: 'b', status: 'processing' },
    ]);
    // A new batch starts afresh.
    queue.push({ op: 'triggerInstances.setStatus', id: 'a', status: 'processing_failed' });
    assert.deepEqual(queue.take(), [{ op: 'triggerInstances.setStatus', id: 'a', status: 'processing_failed' }]);
  });
});

describe('default writer', () => {
  it('a writer thread only when the process may use a second core; RULES_STORE_WRITER overrides; a typo is an error', () => {
    assert.equal(defaultWriter({}, 1), 'inline');
    assert.equal(defaultWriter({}, 4), 'worker');
    assert.equal(defaultWriter({ RULES_STORE_WRITER: 'worker' }, 1), 'worker');
    assert.equal(defaultWriter({ RULES_STORE_WRITER: ' Inline ' }, 8), 'inline');
    assert.throws(
      () => defaultWriter({ RULES_STORE_WRITER: 'thread' }, 2),
      /RULES_STORE_WRITER must be inline or worker, not "thread"/,
    );
  });
});
