// Every pattern-rendering case of the shared StackStorm case table, through renderCriteriaPattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pyEquals } from '../../src/python/index.ts';
import { renderCriteriaPattern, DatastoreScope } from '../../src/template/index.ts';
import { sharedPath } from '../shared-dir.ts';

interface Case {
  kind?: string;
  rule_criteria: Record<string, { type: string; pattern: unknown }>;
  trigger_instance_payload: Record<string, unknown>;
  expected_match: boolean;
  datastore_mock?: Record<string, unknown>;
  rendered_pattern?: unknown;
  test: string;
}

const cases = JSON.parse(readFileSync(sharedPath('spec', 'cases', 'rules.json'), 'utf8')) as Case[];
const patternCases = cases.filter(
  (c) => c.kind === undefined && (JSON.stringify(c.rule_criteria).match(/\{\{|\{%/) || 'rendered_pattern' in c),
);

function resolve(payload: unknown, key: string): unknown {
  let v: unknown = { trigger: payload };
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

test('the case table has pattern cases', () => {
  assert.ok(patternCases.length >= 10, `only ${patternCases.length} pattern cases found`);
});

for (const [i, c] of patternCases.entries()) {
  test(`pattern case ${i}: ${c.test.split('::')[1] ?? c.test}`, () => {
    for (const [key, crit] of Object.entries(c.rule_criteria)) {
      assert.equal(crit.type, 'equals', 'only equals appears among the pattern cases');
      const context = {
        trigger: c.trigger_instance_payload,
        st2kv: { system: new DatastoreScope(c.datastore_mock ?? {}) },
      };
      let matched: boolean;
      let rendered: unknown;
      try {
        rendered = renderCriteriaPattern(crit.pattern, context);
        matched = pyEquals(resolve(c.trigger_instance_payload, key), rendered);
      } catch {
        matched = false;
      }
      if ('rendered_pattern' in c) assert.deepEqual(rendered, c.rendered_pattern);
      assert.equal(
        matched,
        c.expected_match,
        `pattern ${JSON.stringify(crit.pattern)} rendered ${JSON.stringify(rendered)}`,
      );
    }
  });
}

test('pattern rendering keeps types and falls back to text (spec §4.3)', () => {
  const ctx = { trigger: { int: 1, bool: true, list: [1, 'a'], n: null, p1: 'v1' } };
  assert.equal(renderCriteriaPattern('{{ trigger.int }}', ctx), 1);
  assert.equal(renderCriteriaPattern('{{ trigger.bool }}', ctx), true);
  assert.deepEqual(renderCriteriaPattern('{{ trigger.list }}', ctx), [1, 'a']);
  assert.equal(renderCriteriaPattern('{{ trigger.n }}', ctx), null);
  assert.equal(renderCriteriaPattern('x{{ trigger.p1 }}', ctx), 'xv1');
  assert.equal(renderCriteriaPattern('{{ trigger.int }}{{ trigger.int }}', ctx), 11);
  assert.equal(renderCriteriaPattern('{% if trigger.int %}1{% endif %}', ctx), '1');
  assert.equal(renderCriteriaPattern('abc\n', ctx), 'abc');
  assert.equal(renderCriteriaPattern(5, ctx), 5);
  assert.equal(renderCriteriaPattern(null, ctx), null);
  assert.throws(() => renderCriteriaPattern('{{ trigger.missing }}', ctx), /'dict object' has no attribute 'missing'/);
});
