// Content hashes of the watched files: a save that writes the same bytes (touch, editor re-save, a
// rename back and forth) causes no reload.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';

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
  /** The recorded files by directory, kept with the hashes: a pack's rescan looks at its own files only. */
  readonly #dirs = new Map<string, Set<string>>();

  #set(path: string, hash: string): void {
    this.#hashes.set(path, hash);
    const dir = dirname(path);
    let files = this.#dirs.get(dir);
    if (!files) this.#dirs.set(dir, (files = new Set()));
    files.add(path);
  }

  #delete(path: string): void {
    this.#hashes.delete(path);
    const dir = dirname(path);
    const files = this.#dirs.get(dir);
    if (!files) return;
    files.delete(path);
    if (files.size === 0) this.#dirs.delete(dir);
  }

  /** Records the current hash (initial scan). */
  async record(path: string): Promise<void> {
    const h = await hashOf(path);
    if (h === DELETED) this.#delete(path);
    else this.#set(path, h);
  }

  /** The directories holding recorded files: `dir` itself and those below it. */
  dirsUnder(dir: string): string[] {
    const below = dir.endsWith(sep) ? dir : dir + sep;
    return [...this.#dirs.keys()].filter((d) => d === dir || d.startsWith(below));
  }

  /** The recorded files directly in `dir`. */
  filesIn(dir: string): string[] {
    return [...(this.#dirs.get(dir) ?? [])];
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
        this.#set(path, next);
        continue;
      }
      out.push(path);
      if (next === DELETED) this.#delete(path);
      else this.#set(path, next);
    }
    return { changed: out, replaced };
  }
}
