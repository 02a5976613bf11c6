// The one ajv instance: our schemas from rules/schema/ (draft-07) plus StackStorm-dialect schemas
// (draft-4 with draft-3 style `required: true` inside properties), converted before compiling.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rulesDir } from '../pack/index.ts';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

export const schemaDir = pathToFileURL(join(rulesDir, 'schema/'));

let instance: Ajv | undefined;

/** The shared ajv instance with every schema of rules/schema/ added under its file name. */
export function ajv(): Ajv {
  if (instance) return instance;
  const a = new Ajv({ allErrors: true, strict: false, validateSchema: false, useDefaults: false });
  for (const name of readdirSync(schemaDir)
    .filter((n) => n.endsWith('.schema.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as Record<string, unknown>;
    a.addSchema(schema, name);
  }
  instance = a;
  return a;
}

export type SchemaName = 'rule' | 'action' | 'trigger-type' | 'sensor' | 'pack' | 'rule-test' | 'config' | 'webhook';

/** Validator for one of our schemas (`rule` → rules/schema/rule.schema.json). */
export function validator(name: SchemaName): ValidateFunction {
  const v = ajv().getSchema(`${name}.schema.json`);
  if (!v) throw new Error(`missing schema ${name}`);
  return v;
}

const st2Cache = new WeakMap<object, ValidateFunction>();

/** Compiles a StackStorm-dialect schema (trigger parameters_schema, payload_schema): `required: true` is honoured. */
export function st2Validator(schema: Record<string, unknown>): ValidateFunction {
  const cached = st2Cache.get(schema);
  if (cached) return cached;
  const v = ajv().compile(st2ToDraft7(schema) as Record<string, unknown>);
  st2Cache.set(schema, v);
  return v;
}

/** Rewrites draft-3 `required: true` in properties into the parent's `required` list; boolean exclusive bounds into draft-6 numbers. */
export function st2ToDraft7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(st2ToDraft7);
  if (schema === null || typeof schema !== 'object') return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'required' && typeof v === 'boolean') continue;
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      const props: Record<string, unknown> = {};
      const required = Array.isArray(src['required']) ? [...(src['required'] as unknown[])] : [];
      for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) {
        props[pk] = st2ToDraft7(pv);
        if (pv && typeof pv === 'object' && (pv as Record<string, unknown>)['required'] === true) required.push(pk);
      }
      out['properties'] = props;
      if (required.length) out['required'] = required;
      continue;
    }
    if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') {
      const bound = src[k === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
      if (v && typeof bound === 'number') out[k] = bound;
      continue;
    }
    if (k === 'required' && Array.isArray(out['required'])) {
      out['required'] = [...new Set([...(out['required'] as unknown[]), ...(v as unknown[])])];
      continue;
    }
    out[k] = k === 'properties' || k === 'enum' || k === 'default' ? v : st2ToDraft7(v);
  }
  return out;
}

export type { ErrorObject };
