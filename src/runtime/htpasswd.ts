// htpasswd credentials for POST /auth/v1/tokens (StackStorm's st2auth `flat_file` backend, standalone mode).
// bcrypt (`$2y$`, `$2a$`, `$2b$`, as `htpasswd -B` writes) and `{SHA}` entries are understood; other schemes
// (apr1-MD5, crypt) are reported when the file is read, so a user is never silently locked out.
import { readFileSync } from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bcryptCompare } from './bcrypt-worker.ts';

export interface Htpasswd {
  /** Users whose entries use a scheme we cannot verify (logged at start). */
  readonly unsupported: readonly string[];
  verify(user: string, password: string): Promise<boolean>;
}

export interface HtpasswdOptions {
  /** bcrypt's compare (default: in the worker thread of bcrypt-worker.ts); tests count the calls. */
  compare?: (password: string, hash: string) => Promise<boolean>;
}

const bcryptCost = (hash: string): number => Number(/^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1] ?? 0);

/** `{SHA}` check in constant time. */
function shaMatches(hash: string, password: string): boolean {
  const expected = Buffer.from(hash.slice(5), 'base64');
  const actual = createHash('sha1').update(password, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Parses htpasswd text (`user:hash` per line; blank lines and `#` comments ignored). An unknown user costs what
 * a known one does: the password is compared with the most expensive hash of the file and refused whatever the
 * result, so the answer's timing does not tell which user names exist.
 */
export function parseHtpasswd(text: string, options: HtpasswdOptions = {}): Htpasswd {
  const compare = options.compare ?? bcryptCompare;
  const entries = new Map<string, string>();
  const unsupported: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1);
    if (/^\$2[aby]\$\d\d\$/.test(hash) || hash.startsWith('{SHA}')) entries.set(user, hash);
    else unsupported.push(user);
  }
  let decoy = '{SHA}AAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  for (const hash of entries.values()) if (bcryptCost(hash) > bcryptCost(decoy)) decoy = hash;
  // bcryptjs knows $2a$/$2b$; Apache's $2y$ is the same algorithm under another name.
  const check = (hash: string, password: string): Promise<boolean> =>
    hash.startsWith('{SHA}')
      ? Promise.resolve(shaMatches(hash, password))
      : compare(password, hash.replace(/^\$2y\$/, '$2b$'));
  return {
    unsupported,
    async verify(user, password) {
      const hash = entries.get(user);
      if (hash === undefined) {
        await check(decoy, password);
        return false;
      }
      return check(hash, password);
    },
  };
}

/** Reads an htpasswd file; an unreadable file is a start-up error naming the path. */
export function readHtpasswd(path: string): Htpasswd {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read htpasswd file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseHtpasswd(text);
}

/** Decodes `Authorization: Basic base64(user:password)`; undefined when absent or malformed. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
