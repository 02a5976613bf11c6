// Last known good, per file: when a file's new version fails to compile, the models its previous good
// version produced keep serving (or nothing, if it never compiled); a fixed file takes over on its next
// compile; a file that is gone (and not reported) is dropped, so removing a rule file removes its rule.
// Work per merge follows the change: every file that bears models lies in one pack directory, and a pack
// whose models (same unit object from the compiler) and broken files are as last time keeps its result;
// what remains across packs is proportional to the diagnostics and the number of packs.
import { dirname } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import type {
  ActionModel,
  FileCompileState,
  FileStatus,
  PackModel,
  RuleModel,
  TriggerTypeModel,
} from '../model/index.ts';

/** One pack directory's models (the compiler's PackUnit fits). */
export interface ModelUnit {
  readonly dir: string;
  readonly packs: readonly PackModel[];
  readonly rules: readonly RuleModel[];
  readonly actions: readonly ActionModel[];
  readonly triggerTypes: readonly TriggerTypeModel[];
}

export interface Models {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  /** The same pack models per pack directory, as the compiler gives them; derived from the lists when absent. */
  units?: readonly ModelUnit[] | undefined;
  /** `rules` in parts that keep their identity while their pack is unchanged (for buildRuleSet). */
  parts?: readonly (readonly RuleModel[])[] | undefined;
}

interface FileModels {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
}

const empty = (): FileModels => ({ packs: [], rules: [], actions: [], triggerTypes: [] });

/** Built-in models (core pack, system trigger types) are not files of the watched packs. */
const isBuiltinAction = (a: ActionModel): boolean => a.packDir === '';

function groupByFile(unit: ModelUnit): Map<string, FileModels> {
  const byFile = new Map<string, FileModels>();
  const at = (file: string): FileModels => {
    let m = byFile.get(file);
    if (!m) byFile.set(file, (m = empty()));
    return m;
  };
  for (const p of unit.packs) at(p.file).packs.push(p);
  for (const r of unit.rules) at(r.file).rules.push(r);
  for (const a of unit.actions) at(a.file).actions.push(a);
  for (const t of unit.triggerTypes) at(t.file).triggerTypes.push(t);
  return byFile;
}

/** Units from flat lists (callers without the compiler's units): by pack directory. */
function unitsOf(models: Models): ModelUnit[] {
  const byDir = new Map<string, FileModels & { dir: string }>();
  const dirOf = new Map<string, string>();
  for (const p of models.packs) {
    dirOf.set(p.ref, p.dir);
    if (!byDir.has(p.dir)) byDir.set(p.dir, { dir: p.dir, ...empty() });
  }
  const at = (pack: string, file: string): FileModels & { dir: string } => {
    const dir = dirOf.get(pack) ?? dirname(file);
    let u = byDir.get(dir);
    if (!u) byDir.set(dir, (u = { dir, ...empty() }));
    return u;
  };
  for (const p of models.packs) at(p.ref, p.file).packs.push(p);
  for (const r of models.rules) at(r.pack, r.file).rules.push(r);
  for (const a of models.actions) if (!isBuiltinAction(a)) at(a.pack, a.file).actions.push(a);
  for (const t of models.triggerTypes) if (!t.system) at(t.pack, t.file).triggerTypes.push(t);
  return [...byDir.values()];
}

/** What one pack directory serves, and the state of each of its files. */
interface UnitState {
  /** The fresh unit this was computed from (undefined: the pack is missing from the compile). */
  unit: ModelUnit | undefined;
  /** Its broken files and whether its pack.yaml is one of them. */
  key: string;
  /** Last good models per file. */
  good: Map<string, FileModels>;
  /** Serving: this compile's models (deduplicated by ref), then kept ones that no fresh model replaces. */
  fresh: FileModels;
  kept: FileModels;
  states: Map<string, FileCompileState>;
  notOk: number;
  /** Pack refs of everything served: models of two directories can only clash by ref when these meet. */
  packRefs: Set<string>;
}

export interface MergeResult {
  models: Models;
  files: Map<string, FileStatus>;
  /** Files that are broken (served from their last good version, or not at all). */
  notOk: number;
}

type Kind = keyof FileModels;
const KINDS: readonly Kind[] = ['packs', 'rules', 'actions', 'triggerTypes'];
const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

export class LastKnownGood {
  /** Per pack directory. */
  readonly #units = new Map<string, UnitState>();
  /** Every model file's state (the union of the units' states). */
  readonly #states = new Map<string, FileCompileState>();
  #files = new Map<string, FileStatus>();
  #diagnosed = new Set<string>();

  /** Merges a fresh compile with the last good version of every file that now has errors. */
  merge(fresh: Models, diagnostics: readonly Diagnostic[]): MergeResult {
    const diagnosticsByFile = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      const list = diagnosticsByFile.get(d.file);
      if (list) list.push(d);
      else diagnosticsByFile.set(d.file, [d]);
    }
    const broken = new Set<string>();
    for (const [file, list] of diagnosticsByFile) if (list.some((d) => d.severity === 'error')) broken.add(file);
    // A broken pack.yaml can hide its whole pack from the compiler: keep that pack's good files serving.
    const brokenPackDirs = new Set([...broken].filter((f) => /(^|[\\/])pack\.ya?ml$/.test(f)).map((f) => dirname(f)));

    const units = fresh.units ?? unitsOf(fresh);
    const freshByDir = new Map(units.map((u) => [u.dir, u]));
    const dirs = [...freshByDir.keys()];
    for (const dir of this.#units.keys()) if (!freshByDir.has(dir)) dirs.push(dir);
    // Broken files by the pack directory they lie in (one walk up per broken file).
    const brokenByDir = new Map<string, string[]>();
    for (const file of broken) {
      for (let dir = dirname(file); ; dir = dirname(dir)) {
        if (freshByDir.has(dir) || this.#units.has(dir)) {
          const list = brokenByDir.get(dir);
          if (list) list.push(file);
          else brokenByDir.set(dir, [file]);
          break;
        }
        if (dirname(dir) === dir) break;
      }
    }

    const files = new Map(this.#files);
    const recomputed = new Set<string>();
    for (const dir of dirs) {
      const unit = freshByDir.get(dir);
      const dirBroken = brokenPackDirs.has(dir);
      const key = `${dirBroken ? 1 : 0}\0${(brokenByDir.get(dir) ?? []).sort().join('\0')}`;
      const before = this.#units.get(dir);
      if (before && before.unit === unit && before.key === key) continue;
      const after = this.#mergeUnit(
        unit,
        key,
        new Set(brokenByDir.get(dir)),
        dirBroken,
        before?.good ?? new Map<string, FileModels>(),
      );
      for (const file of before?.states.keys() ?? []) {
        this.#states.delete(file);
        recomputed.add(file);
      }
      // A directory with nothing fresh and nothing kept is gone; its broken files are reported like loose ones.
      if (!unit && after.good.size === 0) {
        this.#units.delete(dir);
        continue;
      }
      this.#units.set(dir, after);
      for (const [file, state] of after.states) {
        this.#states.set(file, state);
        recomputed.add(file);
      }
    }

    // Statuses: files whose unit was recomputed, and files with diagnostics now or last time.
    const touched = new Set([...recomputed, ...diagnosticsByFile.keys(), ...this.#diagnosed]);
    let loose = 0;
    for (const file of touched) {
      const state = this.#states.get(file);
      const list = diagnosticsByFile.get(file);
      if (state !== undefined) files.set(file, { state, diagnostics: list ?? NO_DIAGNOSTICS });
      else if (list) {
        files.set(file, { state: broken.has(file) ? 'error' : 'ok', diagnostics: list });
        if (broken.has(file)) loose += 1;
      } else files.delete(file);
    }
    this.#files = files;
    this.#diagnosed = new Set(diagnosticsByFile.keys());

    // Fresh models win over kept ones when both claim a ref (e.g. a rule moved to another file). Each unit is
    // deduplicated already; two units can only clash when they serve models of one pack ref.
    const states = [...freshByDir.keys(), ...[...this.#units.keys()].filter((d) => !freshByDir.has(d))]
      .map((d) => this.#units.get(d))
      .filter((s) => s !== undefined);
    const models: Models = {
      packs: [],
      rules: [],
      actions: fresh.actions.filter(isBuiltinAction),
      triggerTypes: fresh.triggerTypes.filter((t) => t.system),
    };
    const owners = new Set<string>([...models.actions.map((a) => a.pack), ...models.triggerTypes.map((t) => t.pack)]);
    let clash = false;
    for (const s of states) {
      for (const ref of s.packRefs) {
        if (owners.has(ref)) clash = true;
        owners.add(ref);
      }
    }
    for (const kind of KINDS) {
      const list: { ref: string }[] = models[kind];
      for (const part of ['fresh', 'kept'] as const)
        for (const s of states) for (const item of s[part][kind]) list.push(item);
      if (clash) dedupeInPlace(list);
    }
    // Each unit's served rules, as parts of the list above (unless a clash dropped some from it).
    if (!clash)
      models.parts = [
        ...states.map((s) => s.fresh.rules),
        ...states.map((s) => s.kept.rules).filter((r) => r.length > 0),
      ];
    let notOk = loose;
    for (const s of states) notOk += s.notOk;
    return { models, files, notOk };
  }

  /** One pack directory's merge: the per-file rules above, limited to its files. */
  #mergeUnit(
    unit: ModelUnit | undefined,
    key: string,
    broken: ReadonlySet<string>,
    dirBroken: boolean,
    good: Map<string, FileModels>,
  ): UnitState {
    const byFile = unit ? groupByFile(unit) : new Map<string, FileModels>();
    const states = new Map<string, FileCompileState>();
    const fresh = empty();
    const kept = empty();
    const serving = new Set<string>();
    for (const [file, models] of byFile) {
      if (broken.has(file)) continue;
      serving.add(file);
      good.set(file, models);
      states.set(file, 'ok');
      for (const kind of KINDS) (fresh[kind] as unknown[]).push(...models[kind]);
    }
    let notOk = 0;
    for (const file of [...broken].sort()) {
      const g = good.get(file);
      if (g) {
        serving.add(file);
        for (const kind of KINDS) (kept[kind] as unknown[]).push(...g[kind]);
      }
      states.set(file, g ? 'stale' : 'error');
      notOk += 1;
    }
    for (const [file, g] of [...good]) {
      if (serving.has(file)) continue;
      if (dirBroken) {
        for (const kind of KINDS) (kept[kind] as unknown[]).push(...g[kind]);
        states.set(file, 'stale');
        notOk += 1;
      } else {
        good.delete(file);
      }
    }
    // Within the unit: fresh first, then kept; a ref already served is skipped.
    const packRefs = new Set<string>();
    const seen = new Set<string>();
    for (const kind of KINDS) {
      seen.clear();
      for (const part of [fresh, kept]) {
        const list: (PackModel | RuleModel | ActionModel | TriggerTypeModel)[] = part[kind];
        let j = 0;
        for (const item of list) {
          if (seen.has(item.ref)) continue;
          seen.add(item.ref);
          packRefs.add(kind === 'packs' ? item.ref : (item as RuleModel).pack);
          list[j++] = item;
        }
        list.length = j;
      }
    }
    return { unit, key, good, fresh, kept, states, notOk, packRefs };
  }
}

/** Keeps the first item of each ref. */
function dedupeInPlace(list: { ref: string }[]): void {
  const seen = new Set<string>();
  let j = 0;
  for (const item of list) {
    if (seen.has(item.ref)) continue;
    seen.add(item.ref);
    list[j++] = item;
  }
  list.length = j;
}
