// chokidar over every pack root: rule, action, trigger type, webhook, pack.yaml and config YAML files, and
// action entry points (any file under a pack's actions/). Events are debounced per pack, filtered by content
// hash, then one reload runs.
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { createDebouncer } from './debounce.ts';
import { FileHashes } from './hash.ts';

export interface PackWatcherOptions {
  roots: string[];
  /** Quiet time per pack before a batch is handed over (default 25 ms). */
  debounceMs?: number;
  /** Called with the paths whose content changed (never for same-content saves). */
  /** Second look at a batch's files after this quiet time, for writes whose event was lost (default 40 ms: it bounds the latency of a change whose event was lost). */
  settleMs?: number;
  /**
   * Safety net for lost add/unlink events (seen with chokidar 5 when a file is renamed or deleted right
   * after its directory appeared): after activity in a pack, its listings are compared with the recorded
   * files at half and twice this delay; names only, no reads. Default 1000 ms; 0 turns it off.
   */
  rescanMs?: number;
  /** Files over this many bytes are not read (default 1 MiB, as the loader). */
  maxFileBytes?: number;
  onChange: (paths: string[]) => void;
  onError?: (error: unknown) => void;
}

export interface PackWatcher {
  /** Resolves when the initial scan is done (every file hashed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const IGNORED_DIRS = new Set(['node_modules', '.git', 'tests', '__pycache__', '.venv', 'virtualenv']);

/** Editors' swap, backup and temp files are never pack content (vim `.x.swp`, `x~`, `4913`, `.#x`, `x.tmp`). */
function isNoise(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.endsWith('~') ||
    name === '4913' ||
    /\.(swp|swx|tmp|bak|orig)$/i.test(name) ||
    /\.tmp\.\d+/.test(name)
  );
}

/** Which files can change what is compiled: YAML/JSON metadata anywhere, and any file under actions/. */
export function isWatched(root: string, path: string): boolean {
  const parts = relative(root, path).split(sep);
  const name = parts[parts.length - 1] ?? '';
  if (parts.some((p) => IGNORED_DIRS.has(p)) || isNoise(name)) return false;
  if (/\.(ya?ml|json)$/i.test(name)) return true;
  return parts.includes('actions');
}

/** The debounce key: the pack directory (first segment under the root), or the root's configs/. */
function packKey(root: string, path: string): string {
  const first = relative(root, path).split(sep)[0] ?? '';
  return `${root}${sep}${first}`;
}

export function watchPacks(options: PackWatcherOptions): PackWatcher {
  const roots = options.roots.map((r) => resolve(r));
  const hashes = new FileHashes((path) => ({ root: rootOf(path), maxBytes: options.maxFileBytes }));
  const initial: Promise<void>[] = [];
  let scanning = true;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const check = (paths: Iterable<string>, settle: boolean): void => {
    hashes
      .changed(paths)
      .then(({ changed, replaced }) => {
        if (closed) return;
        // chokidar keeps watching the old inode of a file replaced by a rename (atomic save): watch it anew.
        for (const path of replaced) {
          watcher.unwatch(path);
          watcher.add(path);
        }
        if (changed.length > 0) options.onChange(changed);
      })
      .catch((error: unknown) => options.onError?.(error));
    if (!settle) return;
    // A write that lands after our read can lose its event (chokidar throttles a file's events for a few ms
    // and compares mtimes): look once more when the burst has settled; unchanged content costs one read.
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) check(paths, false);
    }, settleMs);
    timers.add(timer);
  };
  const settleMs = options.settleMs ?? 40;
  // The listing of each pack's folders as of its last batch: what the reload that batch causes will read.
  const listings = new Map<string, string>();
  const debouncer = createDebouncer(options.debounceMs ?? 25, (key, paths) => {
    // A file can be known to the last reload but not to the hashes (it came and went between events):
    // comparing listings first makes its removal reload the pack even though no hash changes.
    rescanPack(key);
    check(paths, true);
  });
  const rootOf = (path: string): string | undefined => roots.find((r) => path === r || path.startsWith(r + sep));
  const watcher: FSWatcher = watch(roots, {
    ignoreInitial: false,
    // Only directories are pruned here: files are filtered in onEvent, because chokidar must keep track of
    // editors' temp files to see them renamed over the real file (atomic save).
    ignored: (path, stats) => {
      const root = rootOf(path);
      if (root === undefined || path === root || !stats?.isDirectory()) return false;
      const name = path.slice(path.lastIndexOf(sep) + 1);
      return IGNORED_DIRS.has(name) || name.startsWith('.');
    },
  });
  const onEvent = (path: string): void => {
    const root = rootOf(path);
    if (root === undefined) return;
    if (!isWatched(root, path)) {
      // chokidar can miss a temp file renamed over a watched file shortly after that file changed; the temp
      // file's own events are reliable, so they recheck the directory's files by hash.
      const dir = dirname(path);
      if (
        !scanning &&
        !relative(root, path)
          .split(sep)
          .some((p) => IGNORED_DIRS.has(p))
      ) {
        for (const file of hashes.filesIn(dir)) debouncer.push(packKey(root, file), file);
        scheduleRescan(packKey(root, path));
      }
      return;
    }
    if (scanning) {
      initial.push(hashes.record(path));
      return;
    }
    debouncer.push(packKey(root, path), path);
    scheduleRescan(packKey(root, path));
  };
  watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
  // A removed directory (a deleted pack): chokidar reports each file's unlink too, but not always on every
  // platform, so the pack key is pushed with the directory itself; its hash is "deleted" anyway.
  watcher.on('unlinkDir', (path) => {
    const root = rootOf(path);
    if (root !== undefined && !scanning) {
      debouncer.push(packKey(root, path), `${path}${sep}pack.yaml`);
      scheduleRescan(packKey(root, path));
    }
  });
  watcher.on('error', (error) => options.onError?.(error));
  // Safety net for lost add/unlink events: after activity in a pack, its folders' file names are listed
  // again; when they differ from the listing its last reload saw, the pack is reloaded (and the hashes
  // follow). Names only, no reads; the work follows the change, not the tree.
  function listing(pack: string): string {
    const root = rootOf(pack);
    if (root === undefined) return '';
    const dirs = [
      pack,
      ...['rules', 'actions', 'triggers', 'webhooks'].map((d) => join(pack, d)),
      ...hashes.dirsUnder(pack),
    ];
    const files: string[] = [];
    for (const dir of new Set(dirs)) {
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) if (e.isFile() && isWatched(root, join(dir, e.name))) files.push(join(dir, e.name));
    }
    return files.sort().join('\n');
  }
  const rescanPack = (pack: string): void => {
    const now = listing(pack);
    const before = listings.get(pack);
    listings.set(pack, now);
    if (before === undefined || now === before) return;
    const present = new Set(now === '' ? [] : now.split('\n'));
    const was = new Set(before === '' ? [] : before.split('\n'));
    const differing = [...present].filter((f) => !was.has(f)).concat([...was].filter((f) => !present.has(f)));
    // The hashes learn the files; the pack is reloaded even when no hash changes (a file that came and
    // went between two events was never hashed, but the last reload may have read it).
    check(differing, false);
    options.onChange([join(pack, 'pack.yaml'), ...differing]);
  };
  const rescanMs = options.rescanMs ?? 1000;
  const rescanTimers = new Map<string, NodeJS.Timeout[]>();
  const scheduleRescan = (pack: string): void => {
    if (closed || rescanMs <= 0) return;
    for (const t of rescanTimers.get(pack) ?? []) clearTimeout(t);
    const run = (): void => {
      if (closed) return;
      try {
        rescanPack(pack);
      } catch (error) {
        options.onError?.(error);
      }
    };
    // The last look reloads the pack whatever the listing says: a reload that raced a half-finished change
    // (a directory being removed, a rename) is corrected within 2 s of the last event, and it costs one
    // per-pack recompile per burst of activity.
    const reconcile = (): void => {
      if (closed) return;
      try {
        rescanPack(pack);
        options.onChange([join(pack, 'pack.yaml')]);
      } catch (error) {
        options.onError?.(error);
      }
    };
    const timers = [setTimeout(run, rescanMs / 2), setTimeout(reconcile, rescanMs * 2)];
    for (const t of timers) t.unref();
    rescanTimers.set(pack, timers);
  };
  const ready = new Promise<void>((done) => {
    watcher.once('ready', () => {
      scanning = false;
      void Promise.all(initial).then(() => done());
    });
  });
  return {
    ready,
    async close() {
      closed = true;
      for (const list of rescanTimers.values()) for (const t of list) clearTimeout(t);
      for (const t of timers) clearTimeout(t);
      debouncer.close();
      await watcher.close();
    },
  };
}
