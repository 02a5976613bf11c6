// Trigger payload validation in StackStorm's schema dialect (`common/util/schema`): draft-4, plus draft-3 style
// `required: true` inside properties, defaults filled in, and top-level optional properties accepting null.
// Errors are worded like Python's jsonschema, whose first line StackStorm puts in the faultstring.
import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { pyRepr } from '../python/index.ts';

const ajv = new Ajv04.default({
  strict: false,
  useDefaults: true,
  verbose: true,
  allErrors: false,
  validateSchema: false,
});
const cache = new WeakMap<object, ValidateFunction>();

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Rewrites `properties.x.required: true` into the parent's `required` list, recursively (a copy). */
export function st2Dialect(schema: unknown, topLevel = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => st2Dialect(s, false));
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'required' && typeof v === 'boolean') continue;
    out[k] =
      k === 'properties' || k === 'patternProperties' || k === 'definitions' ? mapValues(v) : st2Dialect(v, false);
  }
  const properties = schema['properties'];
  if (isObject(properties)) {
    const required = new Set(
      Array.isArray(schema['required'])
        ? (schema['required'] as unknown[]).filter((r): r is string => typeof r === 'string')
        : [],
    );
    for (const [name, prop] of Object.entries(properties))
      if (isObject(prop) && prop['required'] === true) required.add(name);
    if (required.size > 0) out['required'] = [...required];
    if (topLevel) {
      // modify_schema_allow_default_none: optional top-level properties (or default null) also accept null.
      const props = out['properties'] as Record<string, unknown>;
      for (const [name, prop] of Object.entries(props)) {
        if (!isObject(prop) || (typeof prop['type'] !== 'string' && !Array.isArray(prop['type']))) continue;
        if (required.has(name) && prop['default'] !== null) continue;
        const types: unknown[] = Array.isArray(prop['type']) ? (prop['type'] as unknown[]) : [prop['type']];
        if (!types.includes('null')) props[name] = { ...prop, type: [...types, 'null'] };
      }
    }
  }
  return out;
}

function mapValues(v: unknown): unknown {
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(v)) out[k] = st2Dialect(s, false);
  return out;
}

/** jsonschema's message for one ajv error (the first line of `str(ValidationError)`). */
export function jsonschemaMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const t = p['type'];
      const types = (Array.isArray(t) ? t : String(t).split(',')).map((x) => `'${String(x)}'`).join(', ');
      return `${pyRepr(e.data)} is not of type ${types}`;
    }
    case 'required':
      return `'${String(p['missingProperty'])}' is a required property`;
    case 'enum':
      return `${pyRepr(e.data)} is not one of ${pyRepr(p['allowedValues'])}`;
    case 'additionalProperties':
      return `Additional properties are not allowed ('${String(p['additionalProperty'])}' was unexpected)`;
    case 'minimum':
      return `${pyRepr(e.data)} is less than the minimum of ${pyRepr(p['limit'])}`;
    case 'maximum':
      return `${pyRepr(e.data)} is greater than the maximum of ${pyRepr(p['limit'])}`;
    case 'minLength':
      return `${pyRepr(e.data)} is too short`;
    case 'maxLength':
      return `${pyRepr(e.data)} is too long`;
    case 'pattern':
      return `${pyRepr(e.data)} does not match ${pyRepr(p['pattern'])}`;
    default:
      return `${pyRepr(e.data)} is not valid: ${e.message ?? e.keyword}`;
  }
}

/** Validates a payload against a type's payload_schema; returns the jsonschema-style message or undefined. */
export function validatePayload(schema: Record<string, unknown>, payload: unknown): string | undefined {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(st2Dialect(schema) as Record<string, unknown>);
    cache.set(schema, validate);
  }
  // Defaults are filled into a copy: the payload is dispatched as sent.
  const copy: unknown = payload === undefined ? null : structuredClone(payload);
  if (validate(copy)) return undefined;
  const first = validate.errors?.[0];
  return first ? jsonschemaMessage(first) : 'invalid payload';
}
