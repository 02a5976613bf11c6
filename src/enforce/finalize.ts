// After rendering: what StackStorm's `create_request` checks before an execution exists (required, enum,
// immutable overrides) and the defaults `get_finalized_params` fills in before the runner starts.
import type { ParameterSpec } from '../model/index.ts';
import { pyRepr, PyError } from '../python/index.ts';
import { compileTemplate, DatastoreScope } from '../template/index.ts';
import { castParameter } from './cast.ts';

/** What defaults may read when they are rendered last (StackStorm's `render_final_params`): no `trigger`. */
export interface FinalContext {
  action_context: Record<string, unknown>;
  config_context: Record<string, unknown>;
  datastore: { system: Record<string, unknown>; user: Record<string, unknown> };
}

export type FinalizeResult = { ok: true; parameters: Record<string, unknown> } | { ok: false; error: string };

function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

/**
 * `rendered` are the rule's parameters after rendering and casting (templated defaults already added).
 * Example: immutable `sudo` given by the rule → `Override of immutable parameter(s) ['sudo'] is unsupported.`
 */
export function finalizeParameters(
  rendered: Readonly<Record<string, unknown>>,
  specs: Readonly<Record<string, ParameterSpec>>,
  context?: FinalContext,
): FinalizeResult {
  const parameters: Record<string, unknown> = { ...rendered };
  // jsonschema validation with use_default=True runs first: defaults fill gaps, then required and enum are checked.
  for (const [name, spec] of Object.entries(specs)) {
    if (!Object.hasOwn(parameters, name) && Object.hasOwn(spec, 'default') && !isTemplate(spec.default))
      parameters[name] = spec.default;
  }
  for (const [name, spec] of Object.entries(specs)) {
    // A templated default satisfies `required`: it is rendered below, after the other parameters are known.
    const pendingDefault = !Object.hasOwn(parameters, name) && isTemplate(spec.default);
    if (
      spec.required === true &&
      !pendingDefault &&
      (!Object.hasOwn(parameters, name) || parameters[name] === undefined)
    )
      return { ok: false, error: `'${name}' is a required property` };
    if (Array.isArray(spec.enum) && Object.hasOwn(parameters, name)) {
      const value = parameters[name];
      if (value !== null && !spec.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
        return { ok: false, error: `${pyRepr(value)} is not one of ${pyRepr(spec.enum)}` };
      }
    }
  }
  const overridden = Object.keys(rendered).filter(
    (name) => Object.hasOwn(specs, name) && specs[name]?.immutable === true,
  );
  if (overridden.length > 0)
    return { ok: false, error: `Override of immutable parameter(s) ${pyRepr(overridden)} is unsupported.` };
  // Immutable parameters always run with their default (StackStorm's `_process_defaults`).
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.immutable === true && Object.hasOwn(spec, 'default')) parameters[name] = spec.default;
  }
  if (context) return renderDefaults(parameters, specs, context, new Set(Object.keys(rendered)));
  return { ok: true, parameters };
}

/**
 * Renders the templated defaults still left (immutable ones such as core.echo's `cmd: echo "{{message}}"`)
 * with the other parameters in scope, in dependency order, then casts them: what the runner container's
 * `get_finalized_params` does before an action runs. Values the rule gave were rendered already.
 */
function renderDefaults(
  parameters: Record<string, unknown>,
  specs: Readonly<Record<string, ParameterSpec>>,
  context: FinalContext,
  fromRule: ReadonlySet<string>,
): FinalizeResult {
  const pending = new Map<string, ReturnType<typeof compileTemplate>['value'] & object>();
  for (const [name, value] of Object.entries(parameters)) {
    if (fromRule.has(name) && specs[name]?.immutable !== true) continue;
    if (!isTemplate(value)) continue;
    const compiled = compileTemplate(value as string);
    if (!compiled.value)
      return {
        ok: false,
        error: `Failed to render parameter "${name}": ${compiled.diagnostics[0]?.message ?? 'invalid template'}`,
      };
    pending.set(name, compiled.value);
  }
  const topName = (path: string): string => /^[^.[]+/.exec(path)?.[0] ?? path;
  while (pending.size > 0) {
    let progressed = false;
    for (const [name, template] of pending) {
      if (template.reads.some((path) => pending.has(topName(path)) && topName(path) !== name)) continue;
      if (template.reads.some((path) => topName(path) === name)) {
        return {
          ok: false,
          error: `Cyclic dependency found in the following variables: ${name}. Likely the variable is referencing itself`,
        };
      }
      const scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(parameters)) if (!pending.has(k)) scope[k] = v;
      Object.assign(scope, {
        action_context: context.action_context,
        config_context: context.config_context,
        st2kv: {
          system: new DatastoreScope(context.datastore.system),
          user: new DatastoreScope(context.datastore.user),
        },
      });
      try {
        parameters[name] = castParameter(template.render(scope), specs[name]?.type);
      } catch (error) {
        const message = error instanceof PyError || error instanceof Error ? error.message : String(error);
        return { ok: false, error: `Failed to render parameter "${name}": ${message}` };
      }
      pending.delete(name);
      progressed = true;
    }
    if (!progressed) {
      return {
        ok: false,
        error: `Cyclic dependency found in the following variables: ${[...pending.keys()].join(', ')}. Likely the variable is referencing itself`,
      };
    }
  }
  return { ok: true, parameters };
}
