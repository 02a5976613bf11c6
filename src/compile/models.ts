// From parsed files to validated models: pack refs, the `pack:` field check, overrides, schema errors.
import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadedFile, LoadedPack, LoadedRoot, LoadResult } from '../pack/index.ts';
import { pointerSegment } from '../pack/index.ts';
import { fillConfigDefaults, locate, validateDocument, validateSt2, declaresRetryOnAbandon } from '../schema/index.ts';
import { checkConfigTemplates } from './check-templates.ts';
import { sensorTriggerTypes } from './sensors.ts';
import type {
  ActionModel,
  CriterionModel,
  PackModel,
  ParameterSpec,
  RuleModel,
  TriggerTypeModel,
} from '../model/index.ts';

export interface Models {
  packs: PackModel[];
  rules: RuleModel[];
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  /** Rules whose `enabled` key is absent (StackStorm disables them). */
  enabledOmitted: Set<RuleModel>;
  diagnostics: Diagnostic[];
  /**
   * The same models per pack, in pack order. A pack reused from the previous load (watch mode) keeps its
   * unit object, so whatever is derived from a unit can be cached by its identity.
   */
  units: PackUnit[];
}

/** One pack's models and the diagnostics of building them. */
export interface PackUnit {
  /** The pack directory: every file these models come from lies under it. */
  readonly dir: string;
  readonly packs: PackModel[];
  readonly rules: RuleModel[];
  readonly actions: ActionModel[];
  readonly triggerTypes: TriggerTypeModel[];
  readonly enabledOmitted: Set<RuleModel>;
  readonly diagnostics: Diagnostic[];
}

const PACK_REF = /^[a-z0-9_]+$/;
// `_global` names the overrides file for every pack (common/content/loader.py OverrideLoader). `core` and `packs` are
// StackStorm's own packs: blacklisted for installation, but present in every install's packs directory.
const RESERVED = new Set(['_global']);

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function at(
  file: LoadedFile,
  pointer: string,
  key = false,
): Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  return locate(file.source, pointer, key);
}

/** A parsed document, or undefined after reporting why it cannot be used. */
function usable(file: LoadedFile, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  diagnostics.push(...file.diagnostics);
  // A file with duplicate keys still loads (the last value wins, as in StackStorm): only a refusal stops here.
  if (!file.loaded) return undefined;
  return isObj(file.value) ? file.value : file.value === undefined || file.value === null ? {} : undefined;
}

/** StackStorm's get_pack_ref_from_metadata: `ref`, else the directory name, else `name`, if they match ^[a-z0-9_]+$. */
export function packRef(manifest: Record<string, unknown>, dirName: string): string | undefined {
  const ref = str(manifest['ref']);
  if (ref !== undefined) return PACK_REF.test(ref) ? ref : undefined;
  if (PACK_REF.test(dirName)) return dirName;
  const name = str(manifest['name']);
  return name !== undefined && PACK_REF.test(name) ? name : undefined;
}

function checkPackField(
  doc: Record<string, unknown>,
  file: LoadedFile,
  pack: LoadedPack,
  diagnostics: Diagnostic[],
): void {
  // StackStorm's registrars take an empty `pack` (missing, null, "") as the directory's.
  const field = doc['pack'];
  if (field !== undefined && field !== null && field !== '' && field !== pack.dirName) {
    diagnostics.push({
      code: 'RULES_E_PACK_FIELD_MISMATCH',
      severity: 'error',
      message: `Model is in pack "${pack.dirName}" but field "pack" is different: ${typeof field === 'string' ? field : JSON.stringify(field)}`,
      hint: `Remove the "pack" field or set it to "${pack.dirName}".`,
      pointer: '/pack',
      ...at(file, '/pack'),
    });
  }
}

interface OverrideSet {
  defaults?: boolean;
  exceptions: Map<string, boolean>;
}

/** overrides/_global.yaml then overrides/<pack>.yaml: only `enabled` may be overridden. */
function readOverrides(file: LoadedFile | undefined, kind: string, diagnostics: Diagnostic[], into: OverrideSet): void {
  if (!file) return;
  const doc = file.value;
  if (!isObj(doc)) return;
  const section = doc[kind];
  if (!isObj(section)) return;
  const check = (v: unknown, pointer: string): boolean | undefined => {
    if (!isObj(v)) return undefined;
    for (const k of Object.keys(v)) {
      if (k !== 'enabled') {
        diagnostics.push({
          code: 'RULES_E_OVERRIDE_INVALID',
          severity: 'error',
          message: `overrides may only set "enabled", not "${k}"`,
          pointer: `${pointer}/${pointerSegment(k)}`,
          ...at(file, `${pointer}/${pointerSegment(k)}`, true),
        });
      }
    }
    const e = v['enabled'];
    if (e !== undefined && typeof e !== 'boolean') {
      diagnostics.push({
        code: 'RULES_E_OVERRIDE_INVALID',
        severity: 'error',
        message: 'overridden "enabled" must be a boolean',
        pointer: `${pointer}/enabled`,
        ...at(file, `${pointer}/enabled`),
      });
      return undefined;
    }
    return e;
  };
  const d = check(section['defaults'], `/${kind}/defaults`);
  if (d !== undefined) into.defaults = d;
  if (isObj(section['exceptions'])) {
    for (const [name, v] of Object.entries(section['exceptions'])) {
      const e = check(v, `/${kind}/exceptions/${pointerSegment(name)}`);
      if (e !== undefined) into.exceptions.set(name, e);
    }
  }
}

/** Builds every model, reporting schema and pack-level problems. */
export function buildModels(loaded: LoadResult, previous?: LoadResult): Models {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const packs: PackModel[] = [];
  const rules: RuleModel[] = [];
  const actions: ActionModel[] = [];
  const triggerTypes: TriggerTypeModel[] = [];
  const enabledOmitted = new Set<RuleModel>();
  const units: PackUnit[] = [];
  const seenPacks = new Map<string, LoadedPack>();
  // The previous load's packs by directory: a changed pack keeps the models of its unchanged files.
  const before = new Map<string, LoadedPack>();
  for (const root of previous?.roots ?? []) for (const p of root.packs) before.set(p.dir, p);

  for (const root of loaded.roots) {
    for (const pack of root.packs) {
      const manifest = usable(pack.manifest, diagnostics);
      if (!manifest) continue;
      diagnostics.push(...validateDocument('pack', manifest, pack.manifest.source));
      const ref = packRef(manifest, pack.dirName);
      if (ref === undefined) {
        diagnostics.push({
          code: 'RULES_E_PACK_REF_INVALID',
          severity: 'error',
          message: `cannot derive a pack ref for "${pack.dirName}": neither "ref", the directory name nor "name" matches ^[a-z0-9_]+$`,
          hint: 'Add `ref: <lower_case_name>` to pack.yaml.',
          ...at(pack.manifest, manifest['ref'] !== undefined ? '/ref' : ''),
        });
        continue;
      }
      if (RESERVED.has(ref)) {
        diagnostics.push({
          code: 'RULES_E_PACK_NAME_RESERVED',
          severity: 'error',
          message: `pack ref "${ref}" is reserved by StackStorm`,
          ...at(pack.manifest, manifest['ref'] !== undefined ? '/ref' : ''),
        });
        continue;
      }
      const first = seenPacks.get(ref);
      if (first) {
        diagnostics.push({
          code: 'RULES_W_PACK_SHADOWED',
          severity: 'warning',
          message: `pack "${ref}" is also in ${first.dir}; the first base path wins and this one is ignored`,
          ...at(pack.manifest, ''),
        });
        continue;
      }
      seenPacks.set(ref, pack);
      // Everything below depends on this pack's files and its overrides only: a pack reused from the previous
      // load (watch mode) with the same overrides keeps its models and diagnostics.
      const key = `${ref}\0${root.overrides.get('_global')?.hash ?? ''}\0${root.overrides.get(ref)?.hash ?? ''}`;
      let slice = packSlices.get(pack);
      if (slice?.key !== key) {
        const old = before.get(pack.dir);
        const reusable = old && old !== pack ? packSlices.get(old) : undefined;
        slice = {
          key,
          dir: pack.dir,
          packs: [],
          rules: [],
          actions: [],
          triggerTypes: [],
          enabledOmitted: new Set(),
          diagnostics: [],
        };
        buildPack(root, pack, ref, manifest, slice, reusable);
        packSlices.set(pack, slice);
      }
      packs.push(...slice.packs);
      rules.push(...slice.rules);
      actions.push(...slice.actions);
      triggerTypes.push(...slice.triggerTypes);
      for (const r of slice.enabledOmitted) enabledOmitted.add(r);
      diagnostics.push(...slice.diagnostics);
      units.push(slice);
    }
  }
  return { packs, rules, actions, triggerTypes, enabledOmitted, diagnostics, units };
}

/**
 * config.schema.yaml against our schema, and configs/<pack>.yaml against it with the schema's defaults assigned
 * (StackStorm validates at registration with use_default); templated values must compile. Returns the schema.
 */
function checkConfig(pack: LoadedPack, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  const config = pack.config ? usable(pack.config, diagnostics) : undefined;
  if (pack.config && isObj(config)) diagnostics.push(...checkConfigTemplates(config, pack.config.source));
  const schemaFile = pack.configSchema;
  const schema = schemaFile ? usable(schemaFile, diagnostics) : undefined;
  if (!schemaFile || !isObj(schema)) return undefined;
  const schemaErrors = validateDocument('config', schema, schemaFile.source);
  diagnostics.push(...schemaErrors);
  if (schemaErrors.length) return undefined;
  if (!pack.config || !isObj(config)) return schema;
  // StackStorm: {type: object, properties: <config.schema.yaml>, additionalProperties: true}, draft-3 style required.
  diagnostics.push(
    ...validateSt2(
      { type: 'object', properties: schema, additionalProperties: true },
      fillConfigDefaults(config, schema),
      pack.config.source,
      '',
      'RULES_E_PACK_CONFIG',
    ),
  );
  return schema;
}

/** A RuleModel from a rule document (already schema-checked; tolerant of what the schema reported). */
export function ruleFromDocument(doc: Record<string, unknown>, file: LoadedFile, pack: string): RuleModel | undefined {
  const name = str(doc['name']);
  if (name === undefined) return undefined;
  const trigger = isObj(doc['trigger']) ? doc['trigger'] : {};
  const action = isObj(doc['action']) ? doc['action'] : {};
  const criteria: CriterionModel[] = [];
  if (isObj(doc['criteria'])) {
    for (const [key, spec] of Object.entries(doc['criteria'])) {
      const s = isObj(spec) ? spec : {};
      criteria.push({
        key,
        type: str(s['type']),
        pattern: s['pattern'] ?? null,
        ...(Object.hasOwn(s, 'condition') ? { condition: s['condition'] } : {}),
        pointer: `/criteria/${pointerSegment(key)}`,
      });
    }
  }
  const type = isObj(doc['type']) ? str(doc['type']['ref']) : undefined;
  const rule: RuleModel = {
    ref: `${pack}.${name}`,
    pack,
    name,
    uid: `rule:${pack}:${name}`,
    enabled: doc['enabled'] === true,
    trigger: {
      type: str(trigger['type']) ?? '',
      parameters: isObj(trigger['parameters']) ? trigger['parameters'] : {},
    },
    criteria,
    action: { ref: str(action['ref']) ?? '', parameters: isObj(action['parameters']) ? action['parameters'] : {} },
    kind: type === 'backstop' ? 'backstop' : 'standard',
    metadataFile: file.relative,
    file: file.file,
    source: file.source,
    hash: file.hash,
  };
  if (str(doc['description']) !== undefined) rule.description = str(doc['description']);
  if (Array.isArray(doc['tags']))
    rule.tags = doc['tags']
      .filter(isObj)
      .map((t) => ({ name: String(t['name']), ...(Object.hasOwn(t, 'value') ? { value: t['value'] } : {}) }));
  return rule;
}

interface PackSlice extends PackUnit {
  key: string;
}

/** Models of one pack, by its loaded files (watch mode reuses unchanged packs' files as the same objects). */
const packSlices = new WeakMap<LoadedPack, PackSlice>();

/**
 * The previous model of an unchanged file (same path, content, ref and enabled flag) instead of an equal new
 * one: per-model caches (checks, compiled criteria, matchers) then hold across the reload of its pack.
 */
function same<T extends { ref: string; file: string }>(
  fresh: T,
  previous: readonly T[] | undefined,
  hash: string,
  equal: (a: T, b: T) => boolean,
): T {
  if (!previous) {
    hashes.set(fresh, hash);
    return fresh;
  }
  for (const old of previous)
    if (old.file === fresh.file && old.ref === fresh.ref && equal(old, fresh) && hashes.get(old) === hash) return old;
  hashes.set(fresh, hash);
  return fresh;
}

/** The content hash each model was built from. */
const hashes = new WeakMap<object, string>();

/** One pack's models and diagnostics, built into `out`; `previous` is the same directory's last unit. */
function buildPack(
  root: LoadedRoot,
  pack: LoadedPack,
  ref: string,
  manifest: Record<string, unknown>,
  out: PackUnit,
  previous?: PackUnit,
): void {
  const { diagnostics, packs, rules, actions, triggerTypes, enabledOmitted } = out;
  // Previous models by file, so that finding one is not a scan of the whole pack.
  const byFile = new Map<string, (RuleModel | ActionModel | TriggerTypeModel)[]>();
  for (const m of [...(previous?.rules ?? []), ...(previous?.actions ?? []), ...(previous?.triggerTypes ?? [])]) {
    const list = byFile.get(m.file);
    if (list) list.push(m);
    else byFile.set(m.file, [m]);
  }
  const prior = <T>(file: string): T[] | undefined => byFile.get(file) as T[] | undefined;
  const configSchema = checkConfig(pack, diagnostics);
  packs.push({
    ref,
    name: str(manifest['name']) ?? ref,
    version:
      typeof manifest['version'] === 'string' || typeof manifest['version'] === 'number'
        ? String(manifest['version'])
        : '',
    description: str(manifest['description']) ?? '',
    dir: pack.dir,
    root: pack.root,
    config: pack.config && isObj(pack.config.value) ? pack.config.value : {},
    ...(configSchema ? { configSchema } : {}),
    ...(pack.config ? { configFile: pack.config.file } : {}),
    file: pack.manifest.file,
  });

  const ruleOverrides: OverrideSet = { exceptions: new Map() };
  readOverrides(root.overrides.get('_global'), 'rules', diagnostics, ruleOverrides);
  readOverrides(root.overrides.get(ref), 'rules', diagnostics, ruleOverrides);
  const actionOverrides: OverrideSet = { exceptions: new Map() };
  readOverrides(root.overrides.get('_global'), 'actions', diagnostics, actionOverrides);
  readOverrides(root.overrides.get(ref), 'actions', diagnostics, actionOverrides);

  for (const file of pack.triggers) {
    const doc = usable(file, diagnostics);
    if (!doc) continue;
    const schemaErrors = validateDocument('trigger-type', doc, file.source);
    diagnostics.push(...schemaErrors);
    checkPackField(doc, file, pack, diagnostics);
    const name = str(doc['name']);
    if (name === undefined) continue;
    const triggerType: TriggerTypeModel = {
      ref: `${ref}.${name}`,
      pack: ref,
      name,
      ...(str(doc['description']) !== undefined ? { description: str(doc['description']) } : {}),
      payloadSchema: isObj(doc['payload_schema']) ? doc['payload_schema'] : {},
      parametersSchema: isObj(doc['parameters_schema']) ? doc['parameters_schema'] : {},
      system: false,
      file: file.file,
      source: file.source,
    };
    triggerTypes.push(same(triggerType, prior(file.file), file.hash, () => true));
  }

  for (const file of pack.sensors) {
    const doc = usable(file, diagnostics);
    if (!doc) continue;
    checkPackField(doc, file, pack, diagnostics);
    const types = sensorTriggerTypes(file, doc, ref, diagnostics);
    for (const t of types) triggerTypes.push(same(t, prior(file.file), file.hash, (a, b) => a.name === b.name));
  }

  for (const file of pack.actions) {
    const doc = usable(file, diagnostics);
    if (!doc) continue;
    diagnostics.push(...validateDocument('action', doc, file.source));
    checkPackField(doc, file, pack, diagnostics);
    const name = str(doc['name']);
    if (name === undefined) continue;
    const parameters = isObj(doc['parameters']) ? (doc['parameters'] as Record<string, ParameterSpec>) : {};
    for (const p of Object.keys(parameters)) {
      if (!/^\w+$/.test(p)) {
        diagnostics.push({
          code: 'RULES_E_ACTION_PARAMETER_NAME',
          severity: 'error',
          message: `Parameter name "${p}" is invalid. Valid characters for parameter name are [a-zA-Z0-0_].`,
          pointer: `/parameters/${pointerSegment(p)}`,
          ...at(file, `/parameters/${pointerSegment(p)}`, true),
        });
      }
    }
    const action: ActionModel = {
      ref: `${ref}.${name}`,
      pack: ref,
      name,
      uid: `action:${ref}:${name}`,
      ...(str(doc['description']) !== undefined ? { description: str(doc['description']) } : {}),
      enabled: actionOverrides.exceptions.get(name) ?? actionOverrides.defaults ?? doc['enabled'] !== false,
      runnerType: str(doc['runner_type']) ?? '',
      entryPoint: str(doc['entry_point']) ?? '',
      parameters,
      ...(declaresRetryOnAbandon(doc['tags']) ? { retryOnAbandon: true } : {}),
      packDir: pack.dir,
      file: file.file,
      source: file.source,
      hash: file.hash,
    };
    actions.push(same(action, prior(file.file), file.hash, (a, b) => a.enabled === b.enabled));
  }

  for (const file of pack.rules) {
    const doc = usable(file, diagnostics);
    if (!doc) continue;
    diagnostics.push(...validateDocument('rule', doc, file.source));
    checkPackField(doc, file, pack, diagnostics);
    const rule = ruleFromDocument(doc, file, ref);
    if (!rule) continue;
    const override = ruleOverrides.exceptions.get(rule.name) ?? ruleOverrides.defaults;
    if (override !== undefined) rule.enabled = override;
    const kept = same(rule, prior(file.file), file.hash, (a, b) => a.enabled === b.enabled);
    // `enabled:` left empty is null, which StackStorm replaces by the default (false) as if it were omitted.
    if (doc['enabled'] === undefined || doc['enabled'] === null) enabledOmitted.add(kept);
    rules.push(kept);
  }
}
