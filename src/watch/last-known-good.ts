// Last known good, per file: when a file's new version fails to compile, the models its previous good
// version produced keep serving (or nothing, if it never compiled); a fixed file takes over on its next
// compile; a file that is gone (and not reported) is dropped, so removing a rule file removes its rule.
import { dirname } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel } from '../schema/model.ts';
import type { FileStatus } from '../runtime/routes/status.ts';

export interface Models {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
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

function groupByFile(models: Models): Map<string, FileModels> {
  const byFile = new Map<string, FileModels>();
  const at = (file: string): FileModels => {
    let m = byFile.get(file);
    if (!m) byFile.set(file, (m = empty()));
    return m;
  };
  for (const p of models.packs) at(p.file).packs.push(p);
  for (const r of models.rules) at(r.file).rules.push(r);
  for (const a of models.actions) if (!isBuiltinAction(a)) at(a.file).actions.push(a);
  for (const t of models.triggerTypes) if (!t.system) at(t.file).triggerTypes.push(t);
  return byFile;
}

export interface MergeResult {
  models: Models;
  files: Map<string, FileStatus>;
}

export class LastKnownGood {
  readonly #good = new Map<string, FileModels>();

  /** Merges a fresh compile with the last good version of every file that now has errors. */
  merge(fresh: Models, diagnostics: readonly Diagnostic[]): MergeResult {
    const byFile = groupByFile(fresh);
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
    const underBrokenPack = (file: string): boolean => [...brokenPackDirs].some((dir) => file.startsWith(`${dir}/`) || file.startsWith(`${dir}\\`));

    const files = new Map<string, FileStatus>();
    const serving = new Map<string, FileModels>();
    for (const [file, models] of byFile) {
      if (broken.has(file)) continue;
      serving.set(file, models);
      this.#good.set(file, models);
      files.set(file, { state: 'ok', diagnostics: diagnosticsByFile.get(file) ?? [] });
    }
    for (const file of broken) {
      const good = this.#good.get(file);
      if (good) serving.set(file, good);
      files.set(file, { state: good ? 'stale' : 'error', diagnostics: diagnosticsByFile.get(file) ?? [] });
    }
    for (const [file, models] of diagnosticsByFile) if (!files.has(file)) files.set(file, { state: 'ok', diagnostics: models });
    for (const [file, good] of [...this.#good]) {
      if (serving.has(file)) continue;
      if (underBrokenPack(file)) {
        serving.set(file, good);
        files.set(file, { state: 'stale', diagnostics: [] });
      } else {
        this.#good.delete(file);
      }
    }

    // Fresh models win over kept ones when both claim a ref (e.g. a rule moved to another file).
    const models: Models = { packs: [], rules: [], actions: fresh.actions.filter(isBuiltinAction), triggerTypes: fresh.triggerTypes.filter((t) => t.system) };
    const add = <T extends { ref: string }>(list: T[], seen: Set<string>, items: readonly T[]): void => {
      for (const item of items) {
        if (seen.has(item.ref)) continue;
        seen.add(item.ref);
        list.push(item);
      }
    };
    const seen = { packs: new Set<string>(), rules: new Set<string>(), actions: new Set(models.actions.map((a) => a.ref)), triggerTypes: new Set(models.triggerTypes.map((t) => t.ref)) };
    const ordered = [...serving].sort(([a], [b]) => Number(files.get(a)?.state !== 'ok') - Number(files.get(b)?.state !== 'ok'));
    for (const [, m] of ordered) {
      add(models.packs, seen.packs, m.packs);
      add(models.rules, seen.rules, m.rules);
      add(models.actions, seen.actions, m.actions);
      add(models.triggerTypes, seen.triggerTypes, m.triggerTypes);
    }
    return { models, files };
  }
}
