// The pack compiler: packs on disk → parsed YAML → validated models → semantic checks (criteria,
// templates, actions, triggers) → everything a RuleSet is built from, plus every problem found.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadResult, LoadReuse } from '../pack/index.ts';
import { BUILTIN_PACKS, CompileCache, loadBuiltins, loadFile, loadPackRoots, resolvePackRoots } from '../pack/index.ts';
import { compilerSalt } from './salt.ts';
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel, WebhookOptions } from '../model/index.ts';
import { buildModels, ruleFromDocument } from './models.ts';
import type { PackUnit } from './models.ts';
import { checkUrlSpellings } from './check-rules.ts';
import { checkUnit } from './check-units.ts';
import type { UnitChecks } from './check-units.ts';
import { loadWebhookOptions } from '../webhooks/index.ts';

export { resolvePackRoots, CompileCache };
export type { PackUnit };
export { checkShellQuoting } from './shell-quoting.ts';

export interface CompileOptions {
  roots: string[];
  /** Also report what real StackStorm rejects although we accept it. */
  strictSt2?: boolean;
  /** An action of a pack that is not in the roots is an error, not a warning (`--strict`). */
  strict?: boolean;
  /**
   * Packs installed elsewhere (`installedPacks` of the config file): their actions are not reported; with a list,
   * an action of any other pack missing from the roots is an error.
   */
  installedPacks?: readonly string[];
  /**
   * Content-hash cache: a directory (kept between runs, e.g. `node_modules/.cache/rules`), an existing
   * CompileCache (watch mode keeps one in memory), or nothing (no cache).
   */
  cache?: string | CompileCache;
  /**
   * Incremental compile (watch mode): the previous output's `loaded` and the paths changed since. Packs
   * without a changed file are taken from it without reading the disk; every check still sees the whole tree.
   */
  reuse?: LoadReuse;
  /** Pack files larger than this many bytes are refused with a diagnostic (default 1 MiB). */
  maxFileBytes?: number;
}

export interface CompileOutput {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  diagnostics: Diagnostic[];
  files: number;
  durationMs: number;
  /** Normalised url → webhook options (packs/<pack>/webhooks/*.yaml, src/webhooks/load.ts). */
  webhookOptions?: ReadonlyMap<string, WebhookOptions>;
  /** The packs as read from disk, for the next incremental compile (`reuse.previous`). */
  loaded?: LoadResult;
  /** The models per pack; an incremental compile keeps an unchanged pack's unit (same object). */
  units?: readonly PackUnit[];
}

/** Stable order for output: file, then position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** Compiles every pack under the roots: `await compilePacks({ roots: resolvePackRoots(undefined) })`. */
export async function compilePacks(options: CompileOptions): Promise<CompileOutput> {
  const started = performance.now();
  const strictSt2 = options.strictSt2 === true;
  const cache =
    typeof options.cache === 'string' ? await CompileCache.open(options.cache, await compilerSalt()) : options.cache;
  const loaded = await loadPackRoots(
    options.roots.map((r) => resolve(r)),
    cache,
    options.reuse,
    options.maxFileBytes,
  );
  const models = buildModels(loaded, options.reuse?.previous);
  const builtins = loadBuiltins();
  // StackStorm's own core and packs packs are built in; a copy of them in a pack root (as every install's packs
  // directory has) is loaded like any pack and its actions replace the built-in definitions of the same ref.
  const onDisk = new Set<string>([...models.actions, ...models.triggerTypes].map((m) => m.ref));
  const actions = [...builtins.actions.filter((a) => !onDisk.has(a.ref)), ...models.actions];
  const triggerTypes = [...builtins.triggerTypes.filter((t) => !onDisk.has(t.ref)), ...models.triggerTypes];
  const actionMap = new Map<string, ActionModel>();
  for (const a of actions) if (!actionMap.has(a.ref)) actionMap.set(a.ref, a);
  const typeMap = new Map<string, TriggerTypeModel>();
  for (const t of triggerTypes) if (!typeMap.has(t.ref)) typeMap.set(t.ref, t);

  const diagnostics: Diagnostic[] = [...models.diagnostics];
  // Per pack (kept for unchanged packs in watch mode), then the cheap steps across packs.
  const ctx = {
    actions: actionMap,
    triggerTypes: typeMap,
    runners: builtins.runners,
    removedRunners: builtins.removedRunners,
    strictSt2,
    missingPacks: {
      loaded: new Set<string>([...BUILTIN_PACKS, ...models.packs.map((p) => p.ref)]),
      strict: options.strict === true,
      ...(options.installedPacks ? { installed: new Set(options.installedPacks) } : {}),
    },
    cache,
  };
  const checked = models.units.map((unit) => checkUnit(unit, ctx));
  for (const c of checked) diagnostics.push(...c.diagnostics);
  diagnostics.push(...checkUrlSpellings(checked.map((c) => c.urls)));
  if (cache) await cache.save();
  // Webhook options (issue 9): their own files, checked against every rule's url.
  const webhooks = await loadWebhookOptions(models.packs, declaredUrls(checked), options.maxFileBytes);
  diagnostics.push(...webhooks.diagnostics);
  return {
    webhookOptions: webhooks.byUrl,
    packs: models.packs,
    rules: models.rules,
    actions,
    triggerTypes,
    diagnostics: sortDiagnostics(dedupe(diagnostics)),
    files: loaded.files + webhooks.files,
    durationMs: performance.now() - started,
    loaded,
    units: models.units,
  };
}

function* declaredUrls(checked: readonly UnitChecks[]): Generator<string> {
  for (const c of checked) yield* c.declared;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const k = `${d.file}|${d.line}|${d.column}|${d.code}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The rule tester's loader (spec §5.3): no schema validation, pack/name default `unknown`, enabled forced true. */
export async function loadRuleFile(path: string): Promise<{ rule?: RuleModel; diagnostics: Diagnostic[] }> {
  // A file named on the command line: no pack root to stay in, but only a regular file of bounded size.
  const file = await loadFile(resolve(path), basename(path));
  if (!file.loaded) return { diagnostics: file.diagnostics };
  const doc = file.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      diagnostics: [
        {
          code: 'RULES_E_SCHEMA_INVALID',
          severity: 'error',
          message: 'a rule file must be a mapping',
          file: file.file,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    };
  }
  const d = doc as Record<string, unknown>;
  const pack = typeof d['pack'] === 'string' ? d['pack'] : 'unknown';
  const rule = ruleFromDocument({ ...d, name: typeof d['name'] === 'string' ? d['name'] : 'unknown' }, file, pack);
  if (!rule) return { diagnostics: file.diagnostics };
  rule.enabled = true;
  return { rule, diagnostics: file.diagnostics };
}
