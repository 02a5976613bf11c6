// A pack's config as StackStorm's ContentPackConfigLoader shapes it, on plain data: schema defaults assigned to
// keys the config lacks (nested object properties and array items too), and secret values masked for display.
// `schema` is config.schema.yaml itself: a map of property name to its StackStorm-dialect schema.

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const CONFIG_MASK = '********';

/** Schema per key of an object: properties first, then patternProperties, then additionalProperties. */
function propertySchemas(schema: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of keys) out[key] = {};
  const properties = isObj(schema['properties']) ? schema['properties'] : {};
  Object.assign(out, properties);
  const extra = keys.filter((k) => !Object.hasOwn(properties, k));
  const patterns = isObj(schema['patternProperties']) ? Object.entries(schema['patternProperties']) : [];
  const additional = isObj(schema['additionalProperties']) ? schema['additionalProperties'] : undefined;
  for (const key of extra) {
    let composed: Record<string, unknown> | undefined;
    for (const [pattern, sub] of patterns) {
      let matches = false;
      try {
        // Config schemas are the pack author's (trusted like the pack's code); a bad pattern matches nothing.
        matches = new RegExp(pattern, 'u').test(key);
      } catch {
        matches = false;
      }
      if (matches && isObj(sub)) composed = { ...composed, ...sub };
    }
    if (composed) out[key] = composed;
    else if (additional) out[key] = additional;
  }
  return out;
}

/** Schema per index of an array: `items` (one schema or positional), then additionalItems. */
function itemSchemas(schema: Record<string, unknown>, count: number): unknown[] {
  const items = schema['items'];
  const out: unknown[] = isObj(items)
    ? new Array<unknown>(count).fill(items)
    : Array.isArray(items)
      ? (items as unknown[]).slice()
      : [];
  const additional = schema['additionalItems'];
  if (out.length < count && isObj(additional)) while (out.length < count) out.push(additional);
  return out;
}

function assignDefaults(
  schemas: Record<string, unknown> | unknown[],
  config: Record<string, unknown> | unknown[],
): void {
  const entries: Array<[string | number, unknown]> = Array.isArray(schemas)
    ? schemas.map((s, i) => [i, s])
    : Object.entries(schemas);
  for (const [key, raw] of entries) {
    const schema = isObj(raw) ? raw : {};
    const present = Array.isArray(config) ? (key as number) < config.length : Object.hasOwn(config, key);
    const target = config as Record<string | number, unknown>;
    if (Object.hasOwn(schema, 'default') && !present) target[key] = structuredClone(schema['default']);
    let value = present || Object.hasOwn(schema, 'default') ? target[key] : undefined;
    if (
      schema['type'] === 'object' &&
      (schema['properties'] || schema['patternProperties'] || isObj(schema['additionalProperties']))
    ) {
      if (!isObj(value)) value = target[key] = {};
      assignDefaults(propertySchemas(schema, Object.keys(value as object)), value as Record<string, unknown>);
    } else if (schema['type'] === 'array' && (schema['items'] || schema['additionalItems'])) {
      if (!Array.isArray(value)) value = target[key] = [];
      assignDefaults(itemSchemas(schema, (value as unknown[]).length), value as unknown[]);
    }
  }
}

/** A copy of `config` with every default of `schema` the config lacks, as StackStorm assigns them. */
export function fillConfigDefaults(
  config: Readonly<Record<string, unknown>>,
  schema: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const out = structuredClone(config) as Record<string, unknown>;
  if (schema) assignDefaults(propertySchemas({ properties: schema }, Object.keys(out)), out);
  return out;
}

/** A copy of `config` with the values of `secret: true` properties (at any depth) replaced by `********`. */
export function maskConfigSecrets(
  config: Readonly<Record<string, unknown>>,
  schema: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const mask = (value: unknown, sub: unknown): unknown => {
    const s = isObj(sub) ? sub : {};
    if (s['secret'] === true && value !== null && value !== undefined) return CONFIG_MASK;
    if (isObj(value)) {
      const schemas = propertySchemas(s, Object.keys(value));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = mask(v, schemas[k]);
      return out;
    }
    if (Array.isArray(value)) {
      const schemas = itemSchemas(s, value.length);
      return value.map((v, i) => mask(v, schemas[i]));
    }
    return value;
  };
  return mask(config, { properties: schema ?? {} }) as Record<string, unknown>;
}
