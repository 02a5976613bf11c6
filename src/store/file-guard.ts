// The store file must stay the file we opened (issue 16): after `rm rules.db*` SQLite keeps writing to the
// unlinked inodes, so every webhook got 202 and none survived a restart. Before each batch the writer checks
// that the database and its WAL are still the files it opened; if not, the batch fails and the webhook gets 503.
// One stat of each file per batch (not per request: batches are group commits).
import { statSync } from 'node:fs';

export class StoreFileError extends Error {}

const identity = (path: string): string | undefined => {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * A check that throws StoreFileError once `path` (or its `-wal`, after it first existed) was deleted or replaced.
 * @example const check = createFileGuard('/data/rules.db'); check(); // throws after `rm /data/rules.db`
 */
export function createFileGuard(path: string): () => void {
  const database = identity(path);
  // The WAL appears with the first write of the first connection; SQLite never removes it while one is open.
  let wal = identity(`${path}-wal`);
  const fail = (what: string, how: string): never => {
    throw new StoreFileError(
      `the store file ${what} was ${how} while the store was open: nothing written now would survive a restart; ` +
        'restore it or restart rules serve',
    );
  };
  return () => {
    const now = identity(path);
    if (now === undefined) fail(path, 'deleted');
    if (now !== database) fail(path, 'replaced');
    const walNow = identity(`${path}-wal`);
    if (wal === undefined) wal = walNow;
    else if (walNow === undefined) fail(`${path}-wal`, 'deleted');
    else if (walNow !== wal) fail(`${path}-wal`, 'replaced');
  };
}
