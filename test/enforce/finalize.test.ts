// Templated defaults rendered last, as StackStorm's runner container does (core.echo's immutable
// `cmd: echo "{{message}}"`), with payload data staying data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeParameters } from '../../src/enforce/finalize.ts';
import type { ParameterSpec } from '../../src/model/index.ts';

const context = {
  action_context: { user: 'stanley' },
  config_context: { region: 'eu' },
  datastore: { system: { k: 'v' }, user: {} },
};
const echo: Record<string, ParameterSpec> = {
  message: { type: 'string', required: true },
  cmd: { type: 'string', immutable: true, default: 'echo {{ message | shell_quote }}' },
};

test('an immutable templated default is rendered with the other parameters in scope', () => {
  const r = finalizeParameters({ message: 'hello world' }, echo, context);
  assert.deepEqual(r, { ok: true, parameters: { message: 'hello world', cmd: "echo 'hello world'" } });
});

test('rendered rule values are data: braces from the payload are not rendered again', () => {
  const r = finalizeParameters({ message: '{{ 7 * 7 }}' }, echo, context);
  assert.deepEqual(r, { ok: true, parameters: { message: '{{ 7 * 7 }}', cmd: "echo '{{ 7 * 7 }}'" } });
});

test('defaults render in dependency order, see config and datastore, and are cast by type', () => {
  const specs: Record<string, ParameterSpec> = {
    a: { type: 'string', immutable: true, default: '{{ b }}-{{ config_context.region }}-{{ st2kv.system.k }}' },
    b: { type: 'integer', immutable: true, default: '{{ 40 + 2 }}' },
  };
  assert.deepEqual(finalizeParameters({}, specs, context), { ok: true, parameters: { a: '42-eu-v', b: 42 } });
});

test('cycles and render errors fail with StackStorm-style messages', () => {
  const cyclic: Record<string, ParameterSpec> = {
    a: { immutable: true, default: '{{ b }}' },
    b: { immutable: true, default: '{{ a }}' },
  };
  const r1 = finalizeParameters({}, cyclic, context);
  assert.equal(r1.ok, false);
  assert.match(r1.ok ? '' : r1.error, /^Cyclic dependency found in the following variables: a, b\./);
  const broken: Record<string, ParameterSpec> = { a: { immutable: true, default: '{{ trigger.x }}' } };
  const r2 = finalizeParameters({}, broken, context);
  assert.equal(r2.ok, false);
  assert.match(r2.ok ? '' : r2.error, /^Failed to render parameter "a": /);
});

test("core.echo's required, immutable, templated cmd is satisfied by its default", () => {
  const specs: Record<string, ParameterSpec> = {
    message: { type: 'string', required: true },
    cmd: { type: 'string', required: true, immutable: true, default: 'echo {{ message | shell_quote }}' },
  };
  assert.deepEqual(finalizeParameters({ message: '"; touch /tmp/x; "' }, specs, context), {
    ok: true,
    parameters: { message: '"; touch /tmp/x; "', cmd: `echo '"; touch /tmp/x; "'` },
  });
  const missing = finalizeParameters({}, specs, context);
  assert.deepEqual(missing, { ok: false, error: "'message' is a required property" });
});
