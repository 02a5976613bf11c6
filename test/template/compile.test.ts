// Compile-time behaviour: diagnostics with positions, reads, the single-path fast path, safety bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileTemplate,
  generateSource,
  lineColumn,
  parseTemplate,
  compileCriteriaPattern,
} from '../../src/template/index.ts';
import { codes } from '../../src/diagnostics/index.ts';
import { PyError, isPyError } from '../../src/python/index.ts';

function diag(source: string, names?: readonly string[]) {
  const r = compileTemplate(source, { names });
  assert.equal(r.value, undefined, `expected a diagnostic for ${source}`);
  const d = r.diagnostics[0];
  assert.ok(d);
  assert.ok(Object.hasOwn(codes, d.code), `${d.code} is registered`);
  return { ...d, ...lineColumn(source, d.start ?? 0) };
}

test('unknown filters, tests and names are compile-time diagnostics with positions', () => {
  const f = diag('line one\n{{ trigger.x | uper }}');
  assert.equal(f.code, 'RULES_E_TEMPLATE_UNKNOWN_FILTER');
  assert.equal(f.hint, "did you mean 'upper'?");
  assert.deepEqual([f.line, f.column], [2, 13]);
  const t = diag('{{ trigger.x is strng }}');
  assert.equal(t.code, 'RULES_E_TEMPLATE_UNKNOWN_TEST');
  const n = diag('{{ trigger.a }} {{ trigerr.b }}', ['trigger', 'st2kv']);
  assert.equal(n.code, 'RULES_E_TEMPLATE_UNKNOWN_NAME');
  assert.equal(n.hint, "did you mean 'trigger'?");
  assert.deepEqual([n.line, n.column], [1, 20]);
  assert.ok(
    compileTemplate('{% set x = 1 %}{% for y in [1] %}{{ x + y + loop.index }}{% endfor %}', { names: ['trigger'] })
      .value,
    'locals and loop are in scope',
  );
});

test('syntax errors are diagnostics, never exceptions', () => {
  for (const src of ['{{ a', '{{ a }', '{% if a %}x', '{% for %}', '{{ a b }}', '{% endif %}', '{{ }}', '{# open']) {
    const r = parseTemplate(src);
    assert.equal(r.body, undefined, src);
    assert.equal(r.diagnostics[0]?.code, 'RULES_E_TEMPLATE_SYNTAX', src);
  }
  const crlf = compileTemplate('a\r\nb\r\n{{ x | nope }}');
  assert.equal(crlf.diagnostics[0]?.start, 'a\r\nb\r\n{{ x'.length, 'offsets point into the original CRLF source');
  const r = compileCriteriaPattern('{{ trigger.x ');
  assert.equal(r.value, undefined);
});

test('reads lists the dotted paths a template reads', () => {
  const t = compileTemplate(
    "{{ trigger.body.key1 }}{{ trigger.headers['X-Y'] | lower }}{% for c in trigger.body.commits %}{{ c.id }}{% endfor %}",
  );
  assert.deepEqual([...(t.value?.reads ?? [])].sort(), [
    'trigger.body.commits',
    'trigger.body.key1',
    'trigger.headers.X-Y',
  ]);
});

test('a single path compiles to direct own-property reads', () => {
  const parsed = parseTemplate('{{ trigger.body.key1 }}');
  const { source } = generateSource(parsed.body ?? []);
  assert.match(source, /Object\.hasOwn\(v, "body"\)/);
  assert.doesNotMatch(source, /rt\.ctx\(/);
  const t = compileTemplate('{{ trigger.body.key1 }}').value;
  assert.equal(t?.render({ trigger: { body: { key1: 7 } } }), '7');
  assert.throws(
    () => t?.render({ trigger: { body: [] } }),
    (e: unknown) =>
      isPyError(e, 'UndefinedError') && e.message === "'list object' has no attribute 'body'".replace('body', 'key1'),
  );
});

test('template text reaches generated code only quoted', () => {
  const src = '"); globalThis.pwned = 1; ("{{ "\\u2028\'); globalThis.pwned = 1; (\'" }}';
  const t = compileTemplate(src).value;
  assert.ok(t);
  assert.equal(t.render({}), '"); globalThis.pwned = 1; ("\u2028\'); globalThis.pwned = 1; (\'');
  assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
});

test('only own properties of plain data and allow-listed methods are reachable', () => {
  const ctx = { trigger: JSON.parse('{"a": "x", "l": [1], "__proto__": {"polluted": 1}}') as unknown };
  for (const src of [
    '{{ trigger.constructor }}',
    '{{ trigger.a.constructor }}',
    "{{ trigger['toString'] }}",
    '{{ trigger.hasOwnProperty }}',
    '{{ trigger.l.push }}',
    '{{ trigger.a.length }}',
    '{{ trigger.polluted }}',
    '{{ trigger.__class__ }}',
  ]) {
    const t = compileTemplate(src).value;
    assert.ok(t, src);
    assert.throws(
      () => t.render(ctx),
      (e: unknown) => isPyError(e, 'UndefinedError'),
      src,
    );
    assert.throws(
      () => t.interpret(ctx),
      (e: unknown) => isPyError(e, 'UndefinedError'),
      src,
    );
  }
  assert.equal(
    compileTemplate("{{ trigger['__proto__'].polluted }}").value?.render(ctx),
    '1',
    'an own __proto__ key is plain data',
  );
  assert.throws(
    () => compileTemplate('{{ trigger.a.toUpperCase() }}').value?.render(ctx),
    (e: unknown) => isPyError(e, 'UndefinedError'),
  );
  assert.throws(
    () => compileTemplate('{{ trigger.a() }}').value?.render(ctx),
    (e: unknown) => isPyError(e, 'TypeError'),
  );
});

test('a __proto__ key from data stays an own key', () => {
  const t = compileTemplate('{{ {trigger.k: 1} }}|{{ dict({trigger.k: 2}) }}|{{ dict(trigger.d) }}').value;
  const ctx = { trigger: { k: '__proto__', d: JSON.parse('{"__proto__": {"x": 1}}') as unknown } };
  assert.equal(t?.render(ctx), "{'__proto__': 1}|{'__proto__': 2}|{'__proto__': {'x': 1}}");
  assert.equal(t?.interpret(ctx), t?.render(ctx));
});

test('loops and output are bounded', () => {
  const loops = compileTemplate('{% for x in range(1000) %}{% for y in range(1000) %}.{% endfor %}{% endfor %}').value;
  assert.throws(
    () => loops?.render({}),
    (e: unknown) => e instanceof PyError && e.pyClass === 'OverflowError',
  );
  assert.throws(
    () => loops?.interpret({}),
    (e: unknown) => e instanceof PyError && e.pyClass === 'OverflowError',
  );
  assert.throws(
    () => compileTemplate("{{ 'a' * 100000000 }}").value?.render({}),
    (e: unknown) => e instanceof PyError && e.pyClass === 'OverflowError',
  );
  assert.throws(
    () => compileTemplate('{{ range(10000000) }}').value?.render({}),
    (e: unknown) => e instanceof PyError && e.pyClass === 'OverflowError',
  );
});

test('payload strings are data, never templates', () => {
  const t = compileTemplate('{{ trigger.x }}').value;
  assert.equal(t?.render({ trigger: { x: '{{ 7 * 7 }}' } }), '{{ 7 * 7 }}');
});

test('StackStorm filters without a Jinja2 counterpart', () => {
  const r = (src: string, ctx: Record<string, unknown> = {}) => compileTemplate(src).value?.render(ctx);
  assert.equal(r("{{ '1.2.3' | version_bump_minor }}"), '1.3.0');
  assert.equal(r("{{ '1.2.3' | version_more_than('1.2.0') }}"), 'True');
  assert.equal(r("{{ '1.2.3' | version_match('>=1.3.0') }}"), 'False');
  assert.equal(r("{{ '1.2.3' | version_strip_patch }}"), '1.2');
  assert.equal(
    r('{{ x | to_yaml_string }}', { x: { b: [1, 2], a: { c: null } } }),
    'a:\n  c: null\nb:\n- 1\n- 2\n',
    'PyYAML safe_dump: sorted keys, unindented sequences',
  );
  assert.equal(r("{{ ('a: [1, 2]' | from_yaml_string).a[1] }}"), '2');
  assert.equal(r("{{ x | jsonpath_query('a[*].b') }}", { x: { a: [{ b: 1 }, { b: 2 }] } }), '[1, 2]');
  assert.equal(r("{{ x | jsonpath_query('nope') }}", { x: {} }), 'None');
  assert.equal(r('{{ "it\'s; rm -rf /" | shell_quote }}'), `'it'"'"'s; rm -rf /'`);
});
