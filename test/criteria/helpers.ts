// Builds RuleModel objects in tests without the pack compiler (a trivial SourceMap: line 1 everywhere).
import { readFileSync } from 'node:fs';
import type { CriterionModel, RuleModel, SourceMap, Span } from '../../src/model/index.ts';
import { sharedPath } from '../shared-dir.ts';

export function trivialSource(file: string): SourceMap {
  const span = (): Span => ({ file, line: 1, column: 1, endLine: 1, endColumn: 2 });
  return { file, span, keySpan: span, scalarOffset: span };
}

export interface RuleSpec {
  name?: string;
  pack?: string;
  enabled?: boolean;
  kind?: 'standard' | 'backstop';
  criteria?: Record<string, unknown>;
  trigger?: { type: string; parameters?: Record<string, unknown> };
  action?: { ref: string; parameters?: Record<string, unknown> };
}

export function criteriaList(criteria: Record<string, unknown>): CriterionModel[] {
  return Object.entries(criteria).map(([key, spec]) => {
    const s = (spec ?? {}) as Record<string, unknown>;
    return {
      key,
      type: typeof s.type === 'string' ? s.type : undefined,
      pattern: s.pattern,
      condition: s.condition,
      pointer: `/criteria/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    };
  });
}

export function makeRule(spec: RuleSpec): RuleModel {
  const pack = spec.pack ?? 'tests';
  const name = spec.name ?? 'rule';
  const file = `/packs/${pack}/rules/${name}.yaml`;
  return {
    ref: `${pack}.${name}`,
    pack,
    name,
    uid: `rule:${pack}:${name}`,
    enabled: spec.enabled ?? true,
    trigger: {
      type: spec.trigger?.type ?? 'core.st2.webhook',
      parameters: spec.trigger?.parameters ?? (spec.trigger ? {} : { url: 'test' }),
    },
    criteria: criteriaList(spec.criteria ?? {}),
    action: { ref: spec.action?.ref ?? 'core.noop', parameters: spec.action?.parameters ?? {} },
    kind: spec.kind ?? 'standard',
    metadataFile: `rules/${name}.yaml`,
    file,
    source: trivialSource(file),
    hash: name,
  };
}

/** `{"$bytes": s}` → s (UTF-8 decoded), `{"$now_iso": 0}` → now as Python's isoformat with +00:00. */
export function decodeCaseValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.hasOwn(o, '$bytes')) return Buffer.from(String(o.$bytes), 'utf8').toString('utf8');
    if (Object.hasOwn(o, '$now_iso')) return new Date().toISOString().replace('Z', '000+00:00');
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeCaseValue(x)]));
  }
  if (Array.isArray(v)) return v.map(decodeCaseValue);
  return v;
}

export interface OperatorCase {
  kind?: 'get_operator' | 'search';
  op: string;
  value: unknown;
  pattern: unknown;
  condition?: unknown;
  check_function?: { kind: string; returns_in_call_order?: boolean[] } | null;
  expected: boolean | string | { error: string };
  expected_calls?: Array<[string, number]>;
  test: string;
  note?: string;
}

export interface RuleCase {
  kind?: 'rule_set' | 'action_parameters';
  rule_criteria?: Record<string, unknown>;
  trigger_instance_payload: unknown;
  expected_match?: boolean;
  rule_enabled?: boolean;
  datastore_mock?: Record<string, unknown>;
  datastore?: Record<string, unknown>;
  rules?: Array<{ name: string; type: string; criteria: Record<string, unknown> }>;
  expected_matching_rules?: string[];
  test: string;
  note?: string;
}

const casesDir = sharedPath('spec', 'cases');
export const operatorCases = JSON.parse(readFileSync(`${casesDir}/operators.json`, 'utf8')) as OperatorCase[];
export const ruleCases = JSON.parse(readFileSync(`${casesDir}/rules.json`, 'utf8')) as RuleCase[];

/** A search case whose check function applies the operator to item.to_value: the same thing as child keys on item.to_value. */
export function searchCaseCriteria(c: OperatorCase): Record<string, unknown> {
  const pattern = c.pattern as Record<string, { type: string; pattern: unknown }>;
  let children: Record<string, unknown> = pattern;
  if (c.check_function?.kind === 'operator_on_item_to_value') {
    children = Object.fromEntries(Object.entries(pattern).map(([k, v], i) => [`item.to_value#${i}${k}`, v]));
  }
  return { 'trigger.value': { type: 'search', condition: c.condition, pattern: children } };
}
