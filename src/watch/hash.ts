// Content hashes of the watched files: a save that writes the same bytes (touch, editor re-save, a
// rename back and forth) causes no reload.
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { readPackFile } from '../pack/index.ts';
import type { FileLimits } from '../pack/index.ts';

const DELETED = 'deleted';

/**
 * Read as the loader reads (issue 16): links only into the pack root, regular files only, at most the size cap,
 * so a FIFO cannot pin a thread and a link to /dev/zero cannot fill memory. A refused file's "hash" is its
 * refusal: the reload that follows reports it.
 */
function hashOf(path: string, limits: FileLimits): string {
  try {
    // The inode is part of the identity: a file replaced by a rename must be watched again (see watcher.ts).
    const { ino } = lstatSync(path);
    const read = readPackFile(path, limits);
    const content = read.ok ? createHash('sha1').update(read.text).digest('hex') : `refused-${read.code}`;
    return `${content}:${ino}`;
  } catch {
    // Missing (deleted, or mid-rename) and unreadable files both mean "not there now".
    return DELETED;
  }
}

export class FileHashes {
  /** The limits of a path: its pack root and the size cap. */
  readonly #limits: (path: string) => FileLimits;

  constructor(limits: (path: string) => FileLimits = () => ({})) {
    this.#limits = limits;
  }

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
    await Promise.resolve();
    const h = hashOf(path, this.#limits(path));
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
      await Promise.resolve();
      const next = hashOf(path, this.#limits(path));
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
