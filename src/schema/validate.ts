// Schema validation with every ajv error placed on the YAML node it is about: the offending key for
// additionalProperties, the parent for required, the value otherwise.
import type { Diagnostic } from '../diagnostics/index.ts';
import type { SourceMap, Span } from '../model/index.ts';
import { validator, st2Validator } from './ajv.ts';
import type { ErrorObject, SchemaName } from './ajv.ts';

function escapePointer(s: string): string {
  return s.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `/trigger/parameters` → `trigger.parameters` (for messages). */
export function pointerLabel(pointer: string): string {
  if (pointer === '') return 'the document';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const seg of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = seg.replaceAll('~1', '/').replaceAll('~0', '~');
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Where to report: falls back to the nearest ancestor with a position, then the file start. */
export function locate(source: SourceMap, pointer: string, key = false): Span {
  let p = pointer;
  for (;;) {
    const s = key ? source.keySpan(p) : source.span(p);
    if (s) return s;
    if (p === '') return { file: source.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    // A missing node: point at the nearest ancestor's key (one line), not its whole block.
    p = p.slice(0, p.lastIndexOf('/'));
    key = p !== '';
  }
}

/** Turns ajv errors into diagnostics; `base` prefixes pointers (for sub-documents such as trigger parameters). */
export function mapAjvErrors(
  errors: readonly ErrorObject[],
  value: unknown,
  source: SourceMap,
  base = '',
  codePrefix = 'RULES_E_SCHEMA',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // anyOf/oneOf report every branch and then themselves; the summary is enough.
    if (
      errors.some(
        (o) =>
          o !== e &&
          (o.keyword === 'anyOf' || o.keyword === 'oneOf') &&
          e.schemaPath.startsWith(o.schemaPath.replace(/\/(anyOf|oneOf)$/, '/$1/')) &&
          o.instancePath === e.instancePath,
      )
    )
      continue;
    const pointer = base + e.instancePath;
    const label = pointerLabel(pointer);
    let diag: Omit<Diagnostic, keyof Span> & { span: Span };
    if (e.keyword === 'additionalProperties') {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const p = `${pointer}/${escapePointer(prop)}`;
      diag = {
        code: `${codePrefix}_UNKNOWN_FIELD`,
        severity: 'error',
        message: `unknown field "${prop}" in ${label}`,
        pointer: p,
        span: locate(source, p, true),
      };
    } else if (e.keyword === 'required') {
      const prop = String((e.params as { missingProperty: string }).missingProperty);
      diag = {
        code: `${codePrefix}_REQUIRED`,
        severity: 'error',
        message: `'${prop}' is a required property of ${label}`,
        pointer,
        span: locate(source, pointer, pointer !== ''),
      };
    } else {
      const v = valueAt(value, e.instancePath);
      let message = `${label} ${e.message ?? 'is invalid'}`;
      if (e.keyword === 'type')
        message = `${label} must be ${String((e.params as { type: string | string[] }).type).replaceAll(',', ' or ')}, got ${typeName(v)}`;
      else if (e.keyword === 'enum')
        message = `${label} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((x) => JSON.stringify(x)).join(', ')}`;
      diag = { code: `${codePrefix}_INVALID`, severity: 'error', message, pointer, span: locate(source, pointer) };
    }
    const k = `${diag.code}|${diag.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const { span, ...rest } = diag;
    out.push({ ...rest, ...span });
  }
  return out;
}

/** Validates a parsed document against one of our schemas. */
export function validateDocument(name: SchemaName, value: unknown, source: SourceMap): Diagnostic[] {
  const v = validator(name);
  if (v(value)) return [];
  return mapAjvErrors(v.errors ?? [], value, source);
}

/** Validates a value against a StackStorm-dialect schema; pointers are reported under `base`. */
export function validateSt2(
  schema: Record<string, unknown>,
  value: unknown,
  source: SourceMap,
  base: string,
  codePrefix: string,
): Diagnostic[] {
  const v = st2Validator(schema);
  if (v(value)) return [];
  return mapAjvErrors(v.errors ?? [], value, source, base, codePrefix);
}
