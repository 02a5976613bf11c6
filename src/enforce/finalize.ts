// After rendering: what StackStorm's `create_request` checks before an execution exists (required, enum,
// immutable overrides) and the defaults `get_finalized_params` fills in before the runner starts.
import type { ParameterSpec } from '../schema/model.ts';
import { pyRepr } from '../python/index.ts';

export type FinalizeResult = { ok: true; parameters: Record<string, unknown> } | { ok: false; error: string };

function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

/**
 * `rendered` are the rule's parameters after rendering and casting (templated defaults already added).
 * Example: immutable `sudo` given by the rule → `Override of immutable parameter(s) ['sudo'] is unsupported.`
 */
export function finalizeParameters(rendered: Readonly<Record<string, unknown>>, specs: Readonly<Record<string, ParameterSpec>>): FinalizeResult {
  const parameters: Record<string, unknown> = { ...rendered };
  // jsonschema validation with use_default=True runs first: defaults fill gaps, then required and enum are checked.
  for (const [name, spec] of Object.entries(specs)) {
    if (!Object.hasOwn(parameters, name) && Object.hasOwn(spec, 'default') && !isTemplate(spec.default)) parameters[name] = spec.default;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required === true && (!Object.hasOwn(parameters, name) || parameters[name] === undefined)) return { ok: false, error: `'${name}' is a required property` };
    if (Array.isArray(spec.enum) && Object.hasOwn(parameters, name)) {
      const value = parameters[name];
      if (value !== null && !spec.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
        return { ok: false, error: `${pyRepr(value)} is not one of ${pyRepr(spec.enum)}` };
      }
    }
  }
  const overridden = Object.keys(rendered).filter((name) => Object.hasOwn(specs, name) && specs[name]?.immutable === true);
  if (overridden.length > 0) return { ok: false, error: `Override of immutable parameter(s) ${pyRepr(overridden)} is unsupported.` };
  // Immutable parameters always run with their default (StackStorm's `_process_defaults`).
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.immutable === true && Object.hasOwn(spec, 'default')) parameters[name] = spec.default;
  }
  return { ok: true, parameters };
}
