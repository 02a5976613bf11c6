// Action parameter schemas as StackStorm combines them: runner parameters, overridden key by key by the action's.
import type { ParameterSpec } from '../model/index.ts';

/** `get_schema_for_action_parameters`: runner specs first, an action spec of the same name updates it. */
export function mergeParameterSpecs(
  runner: Readonly<Record<string, ParameterSpec>>,
  action: Readonly<Record<string, ParameterSpec>>,
): Record<string, ParameterSpec> {
  const merged: Record<string, ParameterSpec> = Object.create(null) as Record<string, ParameterSpec>;
  for (const [name, spec] of Object.entries(runner)) merged[name] = { ...spec };
  for (const [name, spec] of Object.entries(action))
    merged[name] = Object.hasOwn(merged, name) ? { ...merged[name], ...spec } : { ...spec };
  return merged;
}

/** StackStorm's MASKED_ATTRIBUTE_VALUE. */
export const MASK = '********';

/** Copy of `parameters` with every `secret: true` parameter masked, for records and logs. */
export function maskSecrets(
  parameters: Readonly<Record<string, unknown>>,
  specs: Readonly<Record<string, ParameterSpec>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    out[name] =
      Object.hasOwn(specs, name) && specs[name]?.secret === true && value !== null && value !== undefined
        ? MASK
        : value;
  }
  return out;
}
