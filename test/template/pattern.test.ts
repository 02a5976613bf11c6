// compileCriteriaPattern: compiled once, constants rendered at compile time, StackStorm's quirks kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileCriteriaPattern,
  renderCriteriaPattern,
  rewriteForComplex,
  DatastoreScope,
} from '../../src/template/index.ts';
import { isPyError } from '../../src/python/index.ts';

test('the to_complex rewrite targets the last }} of each line', () => {
  assert.equal(
    rewriteForComplex('{{ a }}{{ b }}'),
    '{{a }}{{ b  | to_complex}}',
    'StackStorm drops the spaces after the first {{',
  );
  assert.equal(rewriteForComplex('x {{ a }}\ny {{ b }}'), 'x {{a  | to_complex}}\ny {{b  | to_complex}}');
  assert.equal(rewriteForComplex('{% if a %}1{% endif %}'), undefined);
  assert.equal(rewriteForComplex('{{\na\n}}'), '{{a | to_complex}}', '\\s* crosses lines, (.*) does not');
  assert.equal(rewriteForComplex('{{ a\rb }}'), '{{a\rb  | to_complex}}', 'Python . matches \\r');
});

test('a pattern without template syntax is a constant rendered at compile time', () => {
  const r = compileCriteriaPattern('abc\n');
  assert.equal(r.value?.({}), 'abc');
  assert.equal(compileCriteriaPattern(['x']).value?.({})?.toString(), 'x');
  assert.equal(
    compileCriteriaPattern('{{x}}{# c #}', ['trigger']).value,
    undefined,
    'names outside the context are diagnostics',
  );
  assert.equal(compileCriteriaPattern('{{ trigger.x }}', ['trigger']).diagnostics.length, 0);
});

test('a ValueError while rendering the rewritten pattern falls back to the plain render', () => {
  const ctx = { trigger: { s: 'not json' } };
  assert.throws(
    () => renderCriteriaPattern('{{ trigger.s | from_json_string }}', ctx),
    (e: unknown) => isPyError(e, 'JSONDecodeError'),
    'the plain render raises the same error',
  );
  assert.equal(renderCriteriaPattern("{{ 'x' if trigger.s }}", ctx), 'x');
  assert.equal(renderCriteriaPattern("{{ '}}' }}", ctx), '}}');
});

test('datastore values render as their value; a missing key renders ""', () => {
  const ctx = { trigger: {}, st2kv: { system: new DatastoreScope({ k: 'v', n: '5' }) } };
  assert.equal(renderCriteriaPattern('{{ st2kv.system.k }}', ctx), 'v');
  assert.equal(renderCriteriaPattern('{{ st2kv.system.n }}', ctx), '5');
  assert.equal(renderCriteriaPattern('{{ st2kv.system.missing }}', ctx), '');
  assert.equal(renderCriteriaPattern('pre{{ st2kv.system.k }}post', ctx), 'prevpost');
  assert.throws(
    () => renderCriteriaPattern('{{ st2kv.system }}', ctx),
    (e: unknown) => isPyError(e, 'TypeError') && /KeyValueLookup is not JSON serializable/.test(e.message),
  );
});

test('Jinja prefers dict methods over keys, as StackStorm users meet it', () => {
  const ctx = { trigger: { d: { items: [1] } } };
  assert.throws(
    () => renderCriteriaPattern('{{ trigger.d.items }}', ctx),
    (e: unknown) => isPyError(e, 'TypeError') && /builtin_function_or_method/.test(e.message),
  );
  assert.deepEqual(renderCriteriaPattern("{{ trigger.d['items'] }}", ctx), [1]);
});
