import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../src/pack/index.ts';

/** The file text a span covers (single-line spans). */
function cut(
  text: string,
  s: { line: number; column: number; endLine: number; endColumn: number } | undefined,
): string {
  assert.ok(s, 'no span');
  assert.equal(s.endLine, s.line);
  return (text.split('\n')[s.line - 1] ?? '').slice(s.column - 1, s.endColumn - 1);
}

test('YAML 1.1 scalars as PyYAML reads them', () => {
  const doc = parseYaml('a: yes\nb: off\nc: 0o7\nd: 010\ne: "yes"\ny: n\nf: tRue\n', 'f.yaml');
  assert.deepEqual(doc.diagnostics, []);
  // y/n are strings for PyYAML (the yaml package's 1.1 schema alone would make them booleans).
  assert.deepEqual(doc.value, { a: true, b: false, c: '0o7', d: 8, e: 'yes', y: 'n', f: 'tRue' });
});

test('duplicate keys are errors at the second key, the last value is kept', () => {
  const doc = parseYaml('a: 1\nb:\n  c: 1\n  c: 2\n', 'f.yaml');
  assert.equal(doc.diagnostics.length, 1);
  const d = doc.diagnostics[0];
  assert.equal(d?.code, 'RULES_E_YAML_DUPLICATE_KEY');
  assert.equal(d?.line, 4);
  assert.equal(d?.column, 3);
  assert.equal(d?.pointer, '/b/c');
  assert.match(d?.message ?? '', /first at line 3, column 3/);
  assert.deepEqual(doc.value, { a: 1, b: { c: 2 } });
});

test('syntax errors are diagnostics with a position', () => {
  const doc = parseYaml('a: [1, 2\nb: 1\n', 'f.yaml');
  assert.ok(doc.diagnostics.length > 0);
  assert.equal(doc.diagnostics[0]?.code, 'RULES_E_YAML_SYNTAX');
  assert.equal(doc.value, undefined);
});

test('span and keySpan by JSON pointer, escaped segments included', () => {
  const text = 'criteria:\n  trigger.body/x~y:\n    type: equals\n    pattern: [1, {k: v}]\n';
  const doc = parseYaml(text, 'f.yaml');
  const p = '/criteria/trigger.body~1x~0y';
  assert.equal(cut(text, doc.source.keySpan(p)), 'trigger.body/x~y');
  assert.equal(cut(text, doc.source.span(`${p}/type`)), 'equals');
  assert.equal(cut(text, doc.source.span(`${p}/pattern/1/k`)), 'v');
  assert.equal(cut(text, doc.source.span(`${p}/pattern/0`)), '1');
  assert.equal(doc.source.span('/nope'), undefined);
});

const scalarCases: Array<[string, string, string]> = [
  ['plain', 'x: echo {{ a }} b\n', '{{ a }}'],
  ['double quoted with escapes', 'x: "\\techo \\"{{ a }}\\" b"\n', '{{ a }}'],
  ['single quoted with doubled quote', "x: 'it''s {{ a }} b'\n", '{{ a }}'],
  ['flow', 'y: {x: "echo {{ a }} b"}\n', '{{ a }}'],
];

for (const [name, text, needle] of scalarCases) {
  test(`scalarOffset maps into ${name} scalars`, () => {
    const doc = parseYaml(text, 'f.yaml');
    const pointer = name === 'flow' ? '/y/x' : '/x';
    const value = name === 'flow' ? (doc.value as { y: { x: string } }).y.x : (doc.value as { x: string }).x;
    const start = value.indexOf(needle);
    assert.ok(start >= 0);
    assert.equal(cut(text, doc.source.scalarOffset(pointer, start, start + needle.length)), needle);
  });
}

test('scalarOffset maps into literal and folded block scalars line by line', () => {
  for (const indicator of ['|', '>']) {
    const text = `x: ${indicator}\n  first line\n  echo {{ a }}\n`;
    const doc = parseYaml(text, 'f.yaml');
    const value = (doc.value as { x: string }).x;
    const start = value.indexOf('{{ a }}');
    const span = doc.source.scalarOffset('/x', start, start + 7);
    assert.equal(span?.line, 3, indicator);
    assert.equal(span?.column, 8, indicator);
    assert.equal(cut(text, span), '{{ a }}');
  }
});

test('scalarOffset maps into multi-line plain scalars', () => {
  const text = 'x: first\n  second {{ a }}\n';
  const doc = parseYaml(text, 'f.yaml');
  const value = (doc.value as { x: string }).x;
  assert.equal(value, 'first second {{ a }}');
  const start = value.indexOf('{{');
  const span = doc.source.scalarOffset('/x', start, start + 7);
  assert.equal(span?.line, 2);
  assert.equal(cut(text, span), '{{ a }}');
});
