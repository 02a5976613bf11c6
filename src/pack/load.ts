// Finding packs and reading their files exactly as StackStorm does (spec §6): each sub-directory of a
// base path with pack.yaml; rules/, actions/, triggers/, sensors/ with *.yaml and *.yml, not recursive, sorted.
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import { decodeYamlFile, lazySourceMap, parseYaml } from './yaml.ts';
import type { CompileCache } from './cache.ts';
import type { SourceDoc } from './yaml.ts';
import { readPackFile } from './read-file.ts';
import type { FileLimits, PackFileRead } from './read-file.ts';

export interface LoadedFile extends SourceDoc {
  /** Path relative to the pack directory (StackStorm's metadata_file). */
  relative: string;
  hash: string;
}

export interface LoadedPack {
  root: string;
  dir: string;
  dirName: string;
  manifest: LoadedFile;
  rules: LoadedFile[];
  actions: LoadedFile[];
  triggers: LoadedFile[];
  /** sensors/*.yaml: their `trigger_types` are trigger types of the pack (issue 14). */
  sensors: LoadedFile[];
  /** Parsed configs/<dirName>.yaml under the base path, when present. */
  config?: LoadedFile;
  /** The pack's config.schema.yaml, when present. */
  configSchema?: LoadedFile;
}

export interface LoadedRoot {
  root: string;
  packs: LoadedPack[];
  /** overrides/_global.yaml and overrides/<pack>.yaml of this base path. */
  overrides: Map<string, LoadedFile>;
}

export interface LoadResult {
  roots: LoadedRoot[];
  diagnostics: Diagnostic[];
  files: number;
}

/** Pack roots: --packs flags, else RULES_PACKS (colon-separated), else ./packs. */
export function resolvePackRoots(flags: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (flags && flags.length > 0) return flags.map((f) => resolve(f));
  const fromEnv = env['RULES_PACKS'];
  if (fromEnv)
    return fromEnv
      .split(':')
      .filter((p) => p !== '')
      .map((p) => resolve(p));
  return [resolve('packs')];
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads and parses one YAML file. */
export function loadFile(
  path: string,
  relative: string,
  cache?: CompileCache,
  limits?: FileLimits,
): Promise<LoadedFile> {
  try {
    return Promise.resolve(loadFileSync(path, relative, cache, limits));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A file read-file.ts refused: no text, so no code frame can ever show what it points at. */
function refusedFile(path: string, relative: string, refused: Extract<PackFileRead, { ok: false }>): LoadedFile {
  const diagnostic: Diagnostic = {
    code: refused.code,
    severity: 'error',
    message: refused.message,
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
  const hash = createHash('sha1').update(`refused:${refused.message}`).digest('hex');
  return { ...parseYaml('', path), loaded: false, value: undefined, diagnostics: [diagnostic], relative, hash };
}

/**
 * Reads and parses one YAML file, reusing the cached value of an unchanged clean file. `limits.root`: the pack
 * root the file must resolve inside; links out of it, non-regular files and files over the cap are refused.
 */
export function loadFileSync(path: string, relative: string, cache?: CompileCache, limits?: FileLimits): LoadedFile {
  // Synchronous on purpose: for thousands of small files it is several times faster than the
  // thread-pool round trip of fs/promises, and a file takes microseconds.
  const read = readPackFile(path, limits);
  if (!read.ok) return refusedFile(path, relative, read);
  const decoded = decodeYamlFile(read.bytes, path);
  const text = decoded.text;
  const hash = createHash('sha1').update(text).digest('hex');
  const hit = decoded.refused ? undefined : cache?.file(hash);
  if (hit)
    return {
      file: path,
      text,
      loaded: true,
      value: hit.value,
      source: lazySourceMap(path, text),
      diagnostics: [],
      relative,
      hash,
    };
  const doc = decoded.refused ?? parseYaml(text, path);
  // Only clean files are cached: a file with duplicate keys reports them on every compile.
  if (cache && doc.diagnostics.length === 0) cache.setFile(hash, doc.value);
  return { ...doc, relative, hash };
}

/**
 * The *.yaml / *.yml entries of a folder that are not directories: regular files, links that lead somewhere,
 * and FIFOs, devices or sockets so named (read-file.ts refuses those with a diagnostic instead of skipping them
 * silently). Dangling links are skipped, as before.
 */
async function listYaml(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const out: string[] = [];
    for (const e of entries) {
      if (!(e.name.endsWith('.yaml') || e.name.endsWith('.yml')) || e.isDirectory()) continue;
      if (!e.isSymbolicLink() || (await exists(join(dir, e.name)))) out.push(e.name);
    }
    return out.sort();
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function loadFolder(
  packDir: string,
  folder: string,
  cache: CompileCache | undefined,
  limits: FileLimits,
): Promise<LoadedFile[]> {
  const names = await listYaml(join(packDir, folder));
  return Promise.all(names.map((n) => loadFile(join(packDir, folder, n), `${folder}/${n}`, cache, limits)));
}

/** A previous load and the absolute paths changed since (edited, added or removed files or directories). */
export interface LoadReuse {
  previous: LoadResult;
  changedPaths: readonly string[];
}

/**
 * Pack directory names of `root` whose files may have changed (a config file marks its pack), or undefined
 * when a change cannot be placed in one pack (the root itself, a path outside any pack): then nothing is reused.
 */
function dirtyPacks(root: string, changedPaths: readonly string[]): Set<string> | undefined {
  const dirty = new Set<string>();
  for (const path of changedPaths) {
    const rel = relative(root, resolve(path));
    if (rel.startsWith('..') || resolve(root, rel) !== resolve(path)) continue;
    const parts = rel.split(sep);
    const first = parts[0] ?? '';
    if (first === '') return undefined;
    if (first === 'overrides') continue;
    if (first === 'configs') {
      // configs/<pack>.yaml (the name is the pack's directory name); the configs directory itself: every pack.
      if (parts.length < 2) return undefined;
      dirty.add((parts[1] ?? '').replace(/\.ya?ml$/, ''));
      continue;
    }
    dirty.add(first);
  }
  return dirty;
}

/** A problem with a base path or a directory in it, reported at the path itself. */
function atPath(code: string, path: string, message: string, hint?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message,
    ...(hint ? { hint } : {}),
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}

/** The content folders StackStorm's registrars read: a directory with one of them is meant to be a pack. */
const CONTENT = ['actions', 'rules', 'sensors', 'triggers'] as const;

/** One pack directory; `configs` is the folder of its configs/<name>.yaml (a base path's), if any. */
async function loadPack(
  root: string,
  dir: string,
  configs: string | undefined,
  cache: CompileCache | undefined,
  limits: FileLimits,
): Promise<LoadedPack> {
  const name = basename(dir);
  const [manifest, rules, actions, triggers, sensors] = await Promise.all([
    loadFile(join(dir, 'pack.yaml'), 'pack.yaml', cache, limits),
    loadFolder(dir, 'rules', cache, limits),
    loadFolder(dir, 'actions', cache, limits),
    loadFolder(dir, 'triggers', cache, limits),
    loadFolder(dir, 'sensors', cache, limits),
  ]);
  const configPath = configs === undefined ? undefined : join(configs, `${name}.yaml`);
  const config =
    configPath !== undefined && (await isFile(configPath))
      ? await loadFile(configPath, `configs/${name}.yaml`, cache, limits)
      : undefined;
  const schemaPath = join(dir, 'config.schema.yaml');
  const configSchema = (await isFile(schemaPath))
    ? await loadFile(schemaPath, 'config.schema.yaml', cache, limits)
    : undefined;
  return {
    root,
    dir,
    dirName: name,
    manifest,
    rules,
    actions,
    triggers,
    sensors,
    ...(config ? { config } : {}),
    ...(configSchema ? { configSchema } : {}),
  };
}

/**
 * The packs of one base path. A directory without pack.yaml but with content folders is StackStorm's registration
 * error (st2common/util/pack.py get_pack_metadata: 'Pack "<dir>" is missing pack.yaml file'); a base path that is
 * itself a pack (an Exchange repository checked out alone) is taken as that one pack.
 */
async function loadRoot(
  root: string,
  cache: CompileCache | undefined,
  reuse: LoadReuse | undefined,
  diagnostics: Diagnostic[],
  limits: FileLimits,
): Promise<LoadedPack[]> {
  if (await isFile(join(root, 'pack.yaml'))) {
    const touched = reuse?.changedPaths.some((p) => !relative(root, resolve(p)).startsWith('..'));
    const before = reuse && !touched ? reuse.previous.roots.find((r) => r.root === root)?.packs[0] : undefined;
    return [before?.dir === root ? before : await loadPack(root, root, undefined, cache, limits)];
  }
  const entries = (await readdir(root)).sort();
  const packs: LoadedPack[] = [];
  const dirty = reuse ? dirtyPacks(root, reuse.changedPaths) : undefined;
  const previous = new Map<string, LoadedPack>();
  if (reuse && dirty)
    for (const r of reuse.previous.roots)
      if (r.root === root) for (const p of r.packs) if (!dirty.has(p.dirName)) previous.set(p.dirName, p);
  let incomplete = 0;
  await Promise.all(
    entries.map(async (name) => {
      const dir = join(root, name);
      const unchanged = name === 'overrides' ? undefined : previous.get(name);
      if (unchanged) {
        packs.push(unchanged);
        return;
      }
      if (name === 'overrides' || name === 'configs' || !(await isDir(dir))) return;
      if (await isFile(join(dir, 'pack.yaml'))) {
        packs.push(await loadPack(root, dir, join(root, 'configs'), cache, limits));
        return;
      }
      const content = (await Promise.all(CONTENT.map((c) => isDir(join(dir, c))))).some(Boolean);
      if (!content) return;
      incomplete += 1;
      diagnostics.push(
        atPath(
          'RULES_E_PACK_MANIFEST_MISSING',
          dir,
          `Pack "${dir}" is missing pack.yaml file`,
          'Every pack needs pack.yaml (name, description, version, author); StackStorm registers nothing of this directory without it.',
        ),
      );
    }),
  );
  if (packs.length === 0 && incomplete === 0) {
    // Pointed at a folder of a pack (`--packs actions` in an Exchange repository): name the pack itself.
    const inPack = (await isFile(join(root, '..', 'pack.yaml'))) ? relative(process.cwd(), dirname(root)) : undefined;
    diagnostics.push(
      atPath(
        'RULES_E_PACK_ROOT_EMPTY',
        root,
        `pack base path "${root}" holds no pack: no directory in it has pack.yaml`,
        inPack !== undefined
          ? `Its parent is a pack: --packs ${inPack === '' ? '.' : inPack}`
          : 'A base path holds pack directories (packs/<pack>/pack.yaml), or is a pack itself; give one of those.',
      ),
    );
  }
  return packs.sort((a, b) => (a.dirName < b.dirName ? -1 : a.dirName > b.dirName ? 1 : 0));
}

/**
 * Loads every pack of every base path. A missing base path is a diagnostic. With `reuse`, a pack of the
 * previous load none of whose files (nor its config) is among the changed paths is taken as it was, without
 * reading the disk; everything else (new, changed, removed packs, overrides) is read as usual.
 */
export async function loadPackRoots(
  roots: readonly string[],
  cache?: CompileCache,
  reuse?: LoadReuse,
  maxFileBytes?: number,
): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const out: LoadedRoot[] = [];
  let files = 0;
  for (const root of roots) {
    if (!(await isDir(root))) {
      diagnostics.push(atPath('RULES_E_PACK_ROOT_MISSING', root, `pack base path "${root}" is not a directory`));
      continue;
    }
    const limits: FileLimits = { root, maxBytes: maxFileBytes };
    const packs = await loadRoot(root, cache, reuse, diagnostics, limits);
    const overrides = new Map<string, LoadedFile>();
    for (const n of await listYaml(join(root, 'overrides'))) {
      overrides.set(
        n.replace(/\.ya?ml$/, ''),
        await loadFile(join(root, 'overrides', n), `overrides/${n}`, undefined, limits),
      );
    }
    for (const p of packs)
      files +=
        1 +
        p.rules.length +
        p.actions.length +
        p.triggers.length +
        p.sensors.length +
        (p.config ? 1 : 0) +
        (p.configSchema ? 1 : 0);
    files += overrides.size;
    out.push({ root, packs, overrides });
  }
  return { roots: out, diagnostics, files };
}
