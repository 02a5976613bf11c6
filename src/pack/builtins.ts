// The built-in content every StackStorm install has: system trigger types, runner types and the core and
// packs packs' actions, kept as data in rules/ (triggers/, runners/, core/actions/, packs/actions/), plus which runner types this
// runtime executes (executable-runners.yaml) and which ones StackStorm removed (removed-runners.yaml).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { ActionModel, ParameterSpec, TriggerTypeModel } from '../model/index.ts';
import { parseYaml } from './yaml.ts';

/**
 * The package's root directory. The sources run from src/<folder>/, the compiled JavaScript from
 * dist/src/<folder>/ (`npm run build`): one level deeper.
 */
export const packageRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.js') ? '../../../' : '../../', import.meta.url),
);

export const rulesDir = join(packageRoot, 'rules/');

export interface RunnerType {
  name: string;
  aliases: string[];
  description: string;
  parameters: Record<string, ParameterSpec>;
  /** Whether this runtime runs its actions (rules/executable-runners.yaml); otherwise a definition only. */
  executable: boolean;
}

/** A runner type StackStorm no longer has (rules/removed-runners.yaml). */
export interface RemovedRunner {
  reason: string;
  replacement?: string;
}

export interface Builtins {
  actions: ActionModel[];
  triggerTypes: TriggerTypeModel[];
  runners: Map<string, RunnerType>;
  removedRunners: Map<string, RemovedRunner>;
}

let cached: Builtins | undefined;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => `${dir}/${n}`);
}

function load(file: string): { value: Record<string, unknown>; text: string; file: string } {
  // One reader for every built-in file: a broken one is a bug of this repository, so it throws.
  const text = readFileSync(file, 'utf8');
  const doc = parseYaml(text, file);
  if (!doc.loaded || doc.diagnostics.length > 0 || doc.value === null || typeof doc.value !== 'object') {
    throw new Error(`built-in file ${file} is broken: ${doc.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { value: doc.value as Record<string, unknown>, text, file };
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** StackStorm's own packs, shipped as definitions under rules/<pack>/actions/ (every StackStorm install has them). */
export const BUILTIN_PACKS = ['core', 'packs'] as const;

/**
 * One built-in action. Its entry point (a script of StackStorm's: core.sendmail's send_mail, packs.install's
 * workflow) is not shipped, so an action that has one is a definition only: rules calling it compile, and its
 * executions fail naming the reason. With StackStorm's own copy of the pack in a pack root, that copy's actions
 * (and their files) replace these.
 */
function action(pack: string, file: string): ActionModel {
  const { value, text } = load(file);
  const name = str(value['name']);
  const entryPoint = str(value['entry_point']);
  return {
    ref: `${pack}.${name}`,
    pack,
    name,
    uid: `action:${pack}:${name}`,
    description: str(value['description']),
    enabled: value['enabled'] !== false,
    runnerType: str(value['runner_type']),
    entryPoint,
    parameters: obj(value['parameters']) as Record<string, ParameterSpec>,
    ...(entryPoint !== '' ? { definitionOnly: true } : {}),
    packDir: '',
    file,
    hash: createHash('sha1').update(text).digest('hex'),
  };
}

/** Built-in trigger types, runners (by name and alias) and the core and packs packs' actions; read once. */
export function loadBuiltins(): Builtins {
  if (cached) return cached;
  const triggerTypes: TriggerTypeModel[] = yamlFiles(`${rulesDir}triggers`).map((file) => {
    const { value } = load(file);
    const name = str(value['name']);
    return {
      ref: `core.${name}`,
      pack: 'core',
      name,
      description: str(value['description']),
      payloadSchema: obj(value['payload_schema']),
      parametersSchema: obj(value['parameters_schema']),
      system: true,
      file,
    };
  });
  const listed = load(`${rulesDir}executable-runners.yaml`).value['executable'];
  const executable = new Set(Array.isArray(listed) ? listed.map(String) : []);
  const runners = new Map<string, RunnerType>();
  for (const file of yamlFiles(`${rulesDir}runners`)) {
    const { value } = load(file);
    const runner: RunnerType = {
      name: str(value['name']),
      aliases: Array.isArray(value['aliases']) ? value['aliases'].map(String) : [],
      description: str(value['description']),
      parameters: obj(value['runner_parameters']) as Record<string, ParameterSpec>,
      executable: executable.has(str(value['name'])),
    };
    runners.set(runner.name, runner);
    for (const alias of runner.aliases) runners.set(alias, runner);
  }
  const actions = BUILTIN_PACKS.flatMap((pack) => yamlFiles(`${rulesDir}${pack}/actions`).map((f) => action(pack, f)));
  for (const name of executable)
    if (!runners.has(name))
      throw new Error(`rules/executable-runners.yaml names "${name}", which has no rules/runners file`);
  const removedRunners = new Map<string, RemovedRunner>();
  for (const [name, entry] of Object.entries(load(`${rulesDir}removed-runners.yaml`).value)) {
    const e = obj(entry);
    removedRunners.set(name, {
      reason: str(e['reason']),
      ...(typeof e['replacement'] === 'string' ? { replacement: e['replacement'] } : {}),
    });
  }
  cached = { actions, triggerTypes, runners, removedRunners };
  return cached;
}
