import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../src/pack/index.ts';
import { st2ToDraft7, validateDocument, validateSt2 } from '../../src/schema/index.ts';

function validate(name: 'rule' | 'action' | 'pack' | 'trigger-type' | 'rule-test', text: string) {
  const doc = parseYaml(text, 'f.yaml');
  assert.deepEqual(doc.diagnostics, []);
  return validateDocument(name, doc.value, doc.source);
}

test('a valid rule has no schema errors', () => {
  assert.deepEqual(
    validate(
      'rule',
      'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: x}}\naction: {ref: core.noop}\n',
    ),
    [],
  );
});

test('additionalProperties points at the offending key', () => {
  const [d, ...rest] = validate('rule', 'name: r\ntrigger: {type: t}\naction:\n  ref: a\n  params: {}\n');
  assert.equal(rest.length, 0);
  assert.equal(d?.code, 'RULES_E_SCHEMA_UNKNOWN_FIELD');
  assert.deepEqual([d?.line, d?.column, d?.endColumn], [5, 3, 9]);
  assert.equal(d?.pointer, '/action/params');
});

test('required points at the parent key, the document start at top level', () => {
  const ds = validate('rule', 'name: r\ntrigger:\n  parameters: {}\n');
  const byPointer = new Map(ds.map((d) => [d.message, d]));
  const trigger = byPointer.get("'type' is a required property of trigger");
  assert.equal(trigger?.line, 2);
  assert.equal(trigger?.column, 1);
  const action = byPointer.get("'action' is a required property of the document");
  assert.equal(action?.line, 1);
  assert.equal(action?.code, 'RULES_E_SCHEMA_REQUIRED');
});

test('wrong types and enums point at the value', () => {
  const ds = validate('rule', 'name: r\nenabled: "yes"\ntrigger: {type: t}\naction: {ref: a}\ntype: {ref: other}\n');
  assert.deepEqual(
    ds.map((d) => [d.code, d.line, d.column]),
    [
      ['RULES_E_SCHEMA_INVALID', 2, 10],
      ['RULES_E_SCHEMA_INVALID', 5, 13],
    ],
  );
  assert.match(ds[1]?.message ?? '', /"standard", "backstop"/);
});

test('pack.yaml: version as number or semver string, ref pattern', () => {
  assert.deepEqual(validate('pack', 'name: p\ndescription: d\nversion: 0.1\nauthor: a\n'), []);
  const ds = validate('pack', 'name: p\ndescription: d\nversion: one\nauthor: a\nref: Bad-Ref\n');
  assert.deepEqual(ds.map((d) => d.pointer).sort(), ['/ref', '/version']);
});

test('st2 dialect: required: true inside properties becomes a required list', () => {
  assert.deepEqual(
    st2ToDraft7({
      type: 'object',
      properties: { url: { type: 'string', required: true }, x: { required: false } },
      additionalProperties: false,
    }),
    {
      type: 'object',
      properties: { url: { type: 'string' }, x: {} },
      required: ['url'],
      additionalProperties: false,
    },
  );
  const doc = parseYaml('trigger:\n  parameters:\n    uri: x\n', 'f.yaml');
  const schema = {
    type: 'object',
    properties: { url: { type: 'string', required: true } },
    additionalProperties: false,
  };
  const ds = validateSt2(schema, { uri: 'x' }, doc.source, '/trigger/parameters', 'RULES_E_TRIGGER_PARAMETERS');
  assert.deepEqual(ds.map((d) => [d.code, d.line, d.column]).sort(), [
    ['RULES_E_TRIGGER_PARAMETERS_REQUIRED', 2, 3],
    ['RULES_E_TRIGGER_PARAMETERS_UNKNOWN_FIELD', 3, 5],
  ]);
});

test('rule-test fixtures have a schema', () => {
  assert.deepEqual(
    validate(
      'rule-test',
      'name: t\nrule: p.r\ntrigger_instance: {trigger: core.st2.webhook, payload: {}}\nexpect: {match: true}\n',
    ),
    [],
  );
  assert.equal(
    validate('rule-test', 'rule: p.r\ntrigger_instance: {trigger: x}\nexpect: {match: "yes"}\n')[0]?.pointer,
    '/expect/match',
  );
});
