// A pack's config for one execution, as StackStorm's ContentPackConfigLoader resolves it when the action runs:
// templated values (`{{ st2kv.system.api_key }}`) rendered against the datastore (an empty result is None), then
// the schema's defaults assigned. It is `config_context` for parameter templates and `self.config` in Python.
import type { PackModel } from '../model/index.ts';
import { fillConfigDefaults } from '../schema/index.ts';
import { isPyError } from '../python/index.ts';
import { compileTemplate, DatastoreScope } from '../template/index.ts';
import type { Template } from '../template/index.ts';

type Datastore = { system: Record<string, unknown>; user: Record<string, unknown> };

export type ResolvedConfig = { ok: true; config: Record<string, unknown> } | { ok: false; error: string };

const isTemplated = (s: string): boolean => s.includes('{{') || s.includes('{%');

/** Compiled templates per config value text (a pack's config is small and changes only on reload). */
const templates = new Map<string, Template | Error>();
/** Configs without any template resolve the same for every execution: resolved once per pack model. */
const constant = new WeakMap<PackModel, Record<string, unknown>>();

function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplated(value);
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasTemplate);
  return false;
}

function template(text: string): Template {
  let compiled = templates.get(text);
  if (!compiled) {
    const result = compileTemplate(text, { names: ['st2kv', 'system'] });
    compiled = result.value ?? new Error(result.diagnostics[0]?.message ?? 'template error');
    if (templates.size > 10_000) templates.clear();
    templates.set(text, compiled);
  }
  if (compiled instanceof Error) throw compiled;
  return compiled;
}

function render(value: unknown, path: string, context: Record<string, unknown>, pack: string): unknown {
  if (typeof value === 'string') {
    if (!isTemplated(value)) return value;
    try {
      const text = template(value).render(context);
      return text === '' ? null : text;
    } catch (error) {
      if (!(error instanceof Error) || !(isPyError(error) || templates.get(value) === error)) throw error;
      throw new ConfigRenderError(
        `Failed to render dynamic configuration value for key "${path}" with value "${value}" for pack "${pack}" ` +
          `config: ${error.message}`,
      );
    }
  }
  const child = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(value)) return value.map((v, i) => render(v, child(String(i)), context, pack));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = render(v, child(k), context, pack);
    return out;
  }
  return value;
}

class ConfigRenderError extends Error {}

/** The config of `pack` for an execution now; `datastore` is the batch's st2kv snapshot. */
export function resolvePackConfig(pack: PackModel | undefined, datastore: Datastore): ResolvedConfig {
  if (!pack) return { ok: true, config: {} };
  const cached = constant.get(pack);
  if (cached) return { ok: true, config: cached };
  if (!hasTemplate(pack.config)) {
    const config = fillConfigDefaults(pack.config, pack.configSchema);
    constant.set(pack, config);
    return { ok: true, config };
  }
  const system = new DatastoreScope(datastore.system);
  const context = { st2kv: { system, user: new DatastoreScope(datastore.user) }, system };
  try {
    const rendered = render(pack.config, '', context, pack.ref) as Record<string, unknown>;
    return { ok: true, config: fillConfigDefaults(rendered, pack.configSchema) };
  } catch (error) {
    if (error instanceof ConfigRenderError) return { ok: false, error: error.message };
    throw error;
  }
}
