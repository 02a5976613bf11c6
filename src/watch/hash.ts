// Content hashes of the watched files: a save that writes the same bytes (touch, editor re-save, a
// rename back and forth) causes no reload.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const DELETED = 'deleted';

async function hashOf(path: string): Promise<string> {
  try {
    // The inode is part of the identity: a file replaced by a rename must be watched again (see watcher.ts).
    const [data, info] = await Promise.all([readFile(path), stat(path)]);
    return `${createHash('sha1').update(data).digest('hex')}:${info.ino}`;
  } catch {
    // Missing (deleted, or mid-rename) and unreadable files both mean "not there now".
    return DELETED;
  }
}

export class FileHashes {
  readonly #hashes = new Map<string, string>();

  /** Records the current hash (initial scan). */
  async record(path: string): Promise<void> {
    const h = await hashOf(path);
    if (h === DELETED) this.#hashes.delete(path);
    else this.#hashes.set(path, h);
  }

  /** The recorded files grouped by directory, in one pass (the periodic rescan's view). */
  byDir(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const path of this.#hashes.keys()) {
      const dir = dirname(path);
      let files = out.get(dir);
      if (!files) out.set(dir, (files = new Set()));
      files.add(path);
    }
    return out;
  }

  /** The recorded files directly in `dir`. */
  filesIn(dir: string): string[] {
    return [...this.#hashes.keys()].filter((p) => dirname(p) === dir);
  }

  /**
   * The paths whose content differs from the last recorded one (`changed`), and those replaced by another
   * file, same content or not (`replaced`); records the new hashes.
   */
  async changed(paths: Iterable<string>): Promise<{ changed: string[]; replaced: string[] }> {
    const out: string[] = [];
    const replaced: string[] = [];
    for (const path of paths) {
      const next = await hashOf(path);
      const previous = this.#hashes.get(path) ?? DELETED;
      if (next === previous) continue;
      const content = (h: string): string => h.slice(0, h.indexOf(':'));
      const inode = (h: string): string => h.slice(h.indexOf(':') + 1);
      if (next !== DELETED && previous !== DELETED && inode(next) !== inode(previous)) replaced.push(path);
      if (next !== DELETED && previous !== DELETED && content(next) === content(previous)) {
        this.#hashes.set(path, next);
        continue;
      }
      out.push(path);
      if (next === DELETED) this.#hashes.delete(path);
      else this.#hashes.set(path, next);
    }
    return { changed: out, replaced };
  }
}
