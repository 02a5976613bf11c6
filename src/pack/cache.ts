// A content-hash cache that survives between runs: parsed values of clean YAML files, and per-rule check
// results keyed by everything they depend on. Unchanged files then skip the YAML parse and the checks;
// positions are recomputed lazily only when a diagnostic needs one. Entries not used by a run are dropped
// when it saves, so the file stays the size of the packs.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';

const VERSION = 1;

interface CacheFile {
  version: number;
  /** Salt: the cache is void when the compiler's own files change. */
  salt: string;
  /** Content hash → the parsed value as JSON text (parsed again on use: every hit gets its own objects). */
  files: Record<string, string>;
  checks: Record<string, Diagnostic[]>;
}

export class CompileCache {
  private readonly files = new Map<string, string>();
  private readonly checks = new Map<string, Diagnostic[]>();
  private readonly usedFiles = new Map<string, string>();
  private readonly usedChecks = new Map<string, Diagnostic[]>();
  /** Something was added, so the file on disk is out of date. */
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    readonly path: string | undefined,
    private readonly salt: string,
  ) {}

  /** An in-memory cache (nothing saved). */
  static memory(salt = ''): CompileCache {
    return new CompileCache(undefined, salt);
  }

  /** Opens (or starts) the cache in `dir`; a corrupt or foreign file is ignored. */
  static async open(dir: string, salt: string): Promise<CompileCache> {
    const cache = new CompileCache(join(dir, 'compile-cache.json'), salt);
    try {
      const data = JSON.parse(await readFile(cache.path as string, 'utf8')) as CacheFile;
      if (data.version === VERSION && data.salt === salt) {
        for (const [k, v] of Object.entries(data.files)) cache.files.set(k, v);
        for (const [k, v] of Object.entries(data.checks)) cache.checks.set(k, v);
      }
    } catch {
      // no cache yet
    }
    return cache;
  }

  /** The parsed value of a clean file with this content hash. */
  file(hash: string): { value: unknown } | undefined {
    const text = this.files.get(hash);
    if (text === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.usedFiles.set(hash, text);
    return { value: JSON.parse(text) as unknown };
  }

  setFile(hash: string, value: unknown): void {
    if (!isJson(value)) return;
    const text = JSON.stringify(value);
    this.files.set(hash, text);
    this.usedFiles.set(hash, text);
    this.dirty = true;
  }

  check(key: string): Diagnostic[] | undefined {
    const d = this.checks.get(key);
    if (d) this.usedChecks.set(key, d);
    return d;
  }

  setCheck(key: string, diagnostics: Diagnostic[]): void {
    this.checks.set(key, diagnostics);
    this.usedChecks.set(key, diagnostics);
    this.dirty = true;
  }

  /** Writes what this run used (atomically: temp file then rename). */
  async save(): Promise<void> {
    if (!this.path) return;
    // Unchanged and nothing to drop: leave the file alone.
    if (!this.dirty && this.usedFiles.size === this.files.size && this.usedChecks.size === this.checks.size) return;
    const data: CacheFile = {
      version: VERSION,
      salt: this.salt,
      files: Object.fromEntries(this.usedFiles),
      checks: Object.fromEntries(this.usedChecks),
    };
    await mkdir(join(this.path, '..'), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, this.path);
  }
}

/** Only plain JSON survives a round trip (YAML timestamps, sets, .nan would not). */
function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).every(isJson);
  return false;
}
