// Reading a pack file from a pull request safely (issue 16): pack files are untrusted input. A link may lead only
// to a file inside its pack root (`ln -s /etc/shadow packs/p/rules/x.yaml` made compile print the file's lines
// in code frames); only regular files are read (a FIFO pinned a libuv thread for ever, a link to /dev/zero grew
// memory to gigabytes); and a file over the size cap is a diagnostic, not 29 s and 3.4 GB. Loader, watcher and
// the code frames of `rules compile` all read through here.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';

/** Pack files larger than this are refused (RULES_E_PACK_FILE_TOO_LARGE); `--max-file-bytes` changes it. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface FileLimits {
  /** The pack root (base path) the file must resolve inside; undefined: no containment check. */
  root?: string | undefined;
  /** Default DEFAULT_MAX_FILE_BYTES. */
  maxBytes?: number | undefined;
}

export type RefusalCode = 'RULES_E_PACK_FILE_OUTSIDE' | 'RULES_E_PACK_FILE_NOT_REGULAR' | 'RULES_E_PACK_FILE_TOO_LARGE';

export type PackFileRead =
  { ok: true; text: string; bytes: Buffer } | { ok: false; code: RefusalCode; message: string };

const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

const inside = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

function kind(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's text, or why it is refused. Errors of the file system itself (ENOENT...) are thrown as before.
 * @example readPackFile('/packs/p/rules/r.yaml', { root: '/packs' })
 */
export function readPackFile(path: string, limits: FileLimits = {}): PackFileRead {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (limits.root !== undefined) {
    // Every component counts: a linked file, a linked rules/ folder or a linked pack directory.
    const real = realpathSync.native(path);
    const root = realRoot(limits.root);
    if (!inside(real, root))
      return {
        ok: false,
        code: 'RULES_E_PACK_FILE_OUTSIDE',
        message: `${path} is a link to ${real}, outside the pack root ${limits.root}: not read`,
      };
  }
  // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it. Checking
  // the open descriptor, not the path, leaves no window for a swap between the check and the read.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return { ok: false, code: 'RULES_E_PACK_FILE_NOT_REGULAR', message: `${path} is ${kind(stats)}: not read` };
    if (stats.size > maxBytes) return tooLarge(path, maxBytes);
    // Read until the end, but never more than one byte past the cap: a file still growing (or one whose stat
    // size says 0, as /proc's do) cannot make us read more.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - length));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) return tooLarge(path, maxBytes);
    }
    // The bytes too: the loader refuses a file that is not UTF-8 instead of decoding it with U+FFFD.
    const bytes = Buffer.concat(chunks, length);
    return { ok: true, bytes, text: bytes.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (path: string, maxBytes: number): PackFileRead => ({
  ok: false,
  code: 'RULES_E_PACK_FILE_TOO_LARGE',
  message: `${path} is larger than the limit of ${maxBytes} bytes (--max-file-bytes, RULES_MAX_FILE_BYTES): not read`,
});
