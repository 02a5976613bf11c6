// Every `kind: "action_parameters"` case of the shared table, plus dependency, cycle and cast errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderActionParameters } from '../../src/enforce/index.ts';
import type { ParameterSpec } from '../../src/model/index.ts';
import { sharedPath } from '../shared-dir.ts';

interface Case {
  kind?: string;
  trigger_instance_payload: unknown;
  action_parameters: Record<string, unknown>;
  action_parameters_schema: Record<string, ParameterSpec>;
  runner_parameters_schema: Record<string, ParameterSpec>;
  action_context: Record<string, unknown>;
  datastore?: Record<string, Record<string, unknown>>;
  pack_config?: Record<string, unknown>;
  expected_rendered_parameters?: Record<string, unknown>;
  expected_render_error?: { message: string };
  test: string;
}

const cases = (JSON.parse(readFileSync(sharedPath('spec', 'cases', 'rules.json'), 'utf8')) as Case[]).filter(
  (c) => c.kind === 'action_parameters',
);

test('the case table has action parameter cases', () => {
  assert.ok(cases.length >= 10);
});

for (const [i, c] of cases.entries()) {
  test(`action parameters case ${i}: ${c.test.split('::')[1] ?? c.test}`, () => {
    const result = renderActionParameters({
      ruleParameters: c.action_parameters,
      actionParameters: c.action_parameters_schema,
      runnerParameters: c.runner_parameters_schema,
      context: {
        trigger: c.trigger_instance_payload,
        action_context: c.action_context,
        config_context: c.pack_config ?? {},
        datastore: { system: c.datastore?.['st2kv.system'] ?? {}, user: c.datastore?.['st2kv.user'] ?? {} },
      },
    });
    if (c.expected_render_error) {
      assert.deepEqual(result, { ok: false, kind: 'render', error: c.expected_render_error.message });
    } else {
      assert.deepEqual(result, { ok: true, parameters: c.expected_rendered_parameters });
    }
  });
}

function render(ruleParameters: Record<string, unknown>, actionParameters: Record<string, ParameterSpec> = {}) {
  return renderActionParameters({
    ruleParameters,
    actionParameters,
    runnerParameters: {},
    context: {
      trigger: { i: 5, s: 'abc', b: true, n: null, d: { a: 1 }, l: [1, 'x'] },
      action_context: { user: 'stanley' },
      config_context: {},
      datastore: { system: { k: 'v' }, user: {} },
    },
  });
}

test('values render to text with Python str(), casts by schema type', () => {
  assert.deepEqual(
    render({
      a: '{{ trigger.i }}',
      b: '{{ trigger.b }}',
      c: '{{ trigger.n }}',
      d: '{{ trigger.d }}',
      e: '{{ trigger.l }}',
    }),
    { ok: true, parameters: { a: '5', b: 'True', c: 'None', d: "{'a': 1}", e: "[1, 'x']" } },
  );
  assert.deepEqual(
    render(
      { a: '{{ trigger.i }}', b: '{{ trigger.b }}', d: '{{ trigger.d }}', e: '{{ trigger.l }}', f: '{{ trigger.i }}' },
      {
        a: { type: 'integer' },
        b: { type: 'boolean' },
        d: { type: 'object' },
        e: { type: 'array' },
        f: { type: 'number' },
      },
    ),
    { ok: true, parameters: { a: 5, b: true, d: { a: 1 }, e: [1, 'x'], f: 5 } },
  );
  assert.deepEqual(render({ a: '{{ st2kv.system.k }}-{{ st2kv.system.missing }}' }), {
    ok: true,
    parameters: { a: 'v-' },
  });
});

test('dependencies between parameters, cycles and unknown names', () => {
  assert.deepEqual(render({ a: '{{ b }}-x', b: '{{ trigger.s }}' }), {
    ok: true,
    parameters: { a: 'abc-x', b: 'abc' },
  });
  assert.deepEqual(render({ a: ['{{b}}', 'z'], b: 7 }), { ok: true, parameters: { a: [7, 'z'], b: 7 } });
  assert.deepEqual(render({ a: '{{ a }}' }), {
    ok: false,
    kind: 'render',
    error: 'Cyclic dependency found in the following variables: a. Likely the variable is referencing itself',
  });
  assert.deepEqual(render({ a: '{{ nope }}' }), {
    ok: false,
    kind: 'render',
    error: 'Dependency unsatisfied in variable "nope"',
  });
});

test('cast errors are StackStorm ValueErrors', () => {
  assert.deepEqual(render({ a: '{{ trigger.s }}' }, { a: { type: 'integer' } }), {
    ok: false,
    kind: 'cast',
    error: "invalid literal for int() with base 10: 'abc'",
  });
  assert.deepEqual(render({ a: 5 }, { a: { type: 'string' } }), {
    ok: false,
    kind: 'cast',
    error: 'Value "5" must either be a string or None. Got "int".',
  });
  assert.deepEqual(render({ a: 'plain', b: 3 }, { a: { type: 'string' } }), {
    ok: true,
    parameters: { a: 'plain', b: 3 },
  });
});
