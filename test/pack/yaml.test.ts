import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFileSync, parseYaml } from '../../src/pack/index.ts';

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
  // Reported, and still loaded with the last value, as StackStorm loads it (issue 14 point 7).
  assert.equal(doc.loaded, true);
  assert.deepEqual(doc.value, { a: 1, b: { c: 2 } });
});

test('syntax errors are diagnostics with a position', () => {
  const doc = parseYaml('a: [1, 2\nb: 1\n', 'f.yaml');
  // One error, where PyYAML stops: the `:` of line 2 inside the unclosed `[`.
  assert.deepEqual(
    doc.diagnostics.map((d) => [d.code, d.line, d.column]),
    [['RULES_E_YAML_SYNTAX', 2, 2]],
  );
  assert.equal(doc.loaded, false);
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

// ---- YAML as StackStorm's PyYAML (CSafeLoader: libyaml 0.2.5) reads it (issue 14 point 11) ----

test('a double-quoted scalar continuing at column 0 is one string, as PyYAML reads it', () => {
  // Common in generated packs; the YAML 1.2 parser we used before reported two syntax errors here.
  const doc = parseYaml('description: "first line\nsecond line"\nname: x\n', 'f.yaml');
  assert.deepEqual(doc.diagnostics, []);
  assert.deepEqual(doc.value, { description: 'first line second line', name: 'x' });
  const single = parseYaml("- data: '{{\n    ctx(1) |\n  }}'\n", 'f.yaml');
  assert.deepEqual(single.value, [{ data: '{{ ctx(1) | }}' }]);
});

test("libyaml's own rules: a tab after ':' separates, a BOM may start the file, a plain scalar goes on deeper", () => {
  assert.deepEqual(parseYaml('a:\tb\n', 'f.yaml').value, { a: 'b' });
  assert.deepEqual(parseYaml('\ufeff---\na: 1\n', 'f.yaml').value, { a: 1 });
  assert.deepEqual(parseYaml('a:\n  - x\n   - y\n', 'f.yaml').value, { a: ['x - y'] });
  // %YAML 1.0 loads in PyYAML's pure-Python parser but not in libyaml 0.2.5, which StackStorm uses.
  assert.equal(parseYaml('%YAML 1.0\n---\na\n', 'f.yaml').loaded, false);
});

test('YAML 1.1 values: sexagesimal, octal, binary, .inf, merge keys, timestamps, sets', () => {
  const doc = parseYaml(
    'a: 1:30\nb: 010\nc: 0b11\nd: -.inf\ne: 1_000\nbase: &b {x: 1, y: 2}\nm: {<<: *b, y: 3}\n' +
      't: 2001-12-14t21:59:43.10-05:00\ns: !!set {p, q}\n',
    'f.yaml',
  );
  assert.deepEqual(doc.diagnostics, []);
  const v = doc.value as Record<string, unknown>;
  assert.deepEqual([v['a'], v['b'], v['c'], v['d'], v['e']], [90, 8, 3, -Infinity, 1000]);
  assert.deepEqual(v['m'], { x: 1, y: 3 });
  assert.equal((v['t'] as Date).toISOString(), '2001-12-15T02:59:43.100Z');
  assert.deepEqual([...(v['s'] as Set<string>)], ['p', 'q']);
  // A merged value's position is where it is written: in the anchored mapping.
  assert.equal(doc.source.span('/m/x')?.line, 6);
});

test('values PyYAML cannot construct refuse the file with RULES_E_YAML_VALUE', () => {
  for (const text of ['a: 2020-13-45\n', 'a: !foo x\n', 'a: =\n', 'a: !!int abc\n', '[a]: b\n', 'a: {<<: 1}\n']) {
    const doc = parseYaml(text, 'f.yaml');
    assert.equal(doc.loaded, false, text);
    assert.equal(doc.value, undefined, text);
    assert.deepEqual(
      doc.diagnostics.map((d) => d.code),
      ['RULES_E_YAML_VALUE'],
      text,
    );
  }
  const date = parseYaml('x: 1\npattern: 2020-13-45\n', 'f.yaml').diagnostics[0];
  assert.deepEqual([date?.line, date?.column, date?.endColumn], [2, 10, 20]);
});

test('documents that would hurt the runtime are refused: recursive aliases, alias bombs', () => {
  assert.equal(parseYaml('a: &a [*a]\n', 'f.yaml').loaded, false);
  const lines = ['a: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const bomb = parseYaml(`${lines.join('\n').replace(/^a: /, 'a0: ')}\n`, 'f.yaml');
  assert.equal(bomb.loaded, false);
  assert.match(bomb.diagnostics[0]?.message ?? '', /aliases expand/);
});

test('duplicate keys are Python dict keys: 1, 1.0 and true are one key', () => {
  const doc = parseYaml('1: a\n1.0: b\ntrue: c\n', 'f.yaml');
  assert.equal(doc.loaded, true);
  assert.deepEqual(doc.value, { 1: 'c' });
  assert.deepEqual(
    doc.diagnostics.map((d) => [d.code, d.line]),
    [
      ['RULES_E_YAML_DUPLICATE_KEY', 2],
      ['RULES_E_YAML_DUPLICATE_KEY', 3],
    ],
  );
});

// ---- diagnostics where the indentation is wrong (issue 20 point 7) ----

const indentationCases: Array<[string, string, number, string]> = [
  [
    'over-indented key after a scalar value',
    'action:\n  ref: core.local\n    parameters:\n',
    3,
    '"parameters" is indented 4 spaces, its siblings 2',
  ],
  [
    'over-indented criterion field',
    'criteria:\n  k:\n    type: equals\n      pattern: 1\n',
    4,
    '"pattern" is indented 6 spaces, its siblings 4',
  ],
  [
    'key between two levels',
    'criteria:\n  a:\n    type: equals\n   b:\n    type: equals\n',
    4,
    '"b" is indented 3 spaces, its siblings 2',
  ],
  ['list item left of its list', 'items:\n  - a\n- b\n', 3, '"- b" is indented 0 spaces, its siblings 2'],
  ['list item between two levels', 'a:\n  - x\n - y\n', 3, '"- y" is indented 1 space, its siblings 2'],
  ['key under a list item', '- name: a\n   value: b\n', 2, '"value" is indented 3 spaces, its siblings 2'],
];

for (const [name, text, line, message] of indentationCases) {
  test(`one indentation error at the offending line: ${name}`, () => {
    const doc = parseYaml(text, 'f.yaml');
    assert.equal(doc.diagnostics.length, 1, JSON.stringify(doc.diagnostics));
    const d = doc.diagnostics[0];
    assert.equal(d?.code, 'RULES_E_YAML_INDENTATION');
    assert.equal(d?.line, line);
    assert.equal(d?.message, message);
    // The span covers the line's first word, after its indentation.
    assert.equal(d?.column, (/^ */.exec(text.split('\n')[line - 1] ?? '')?.[0].length ?? 0) + 1);
  });
}

test('a tab used for indentation is named as such, at the tab', () => {
  const d = parseYaml('a:\n\tb: 1\n', 'f.yaml').diagnostics;
  assert.deepEqual(
    d.map((x) => [x.code, x.line, x.column, x.message]),
    [['RULES_E_YAML_INDENTATION', 2, 1, 'a tab character is used for indentation']],
  );
});

test('a line without ":" in a mapping is reported at that line, not at the next', () => {
  const d = parseYaml('a: 1\nb\nc: 2\n', 'f.yaml').diagnostics;
  assert.deepEqual(
    d.map((x) => [x.code, x.line, x.column]),
    [['RULES_E_YAML_SYNTAX', 2, 1]],
  );
});

test('CR LF files: values and positions as with LF', () => {
  const doc = parseYaml('a: 1\r\nb: "x\r\n  y"\r\n', 'f.yaml');
  assert.deepEqual(doc.value, { a: 1, b: 'x y' });
  assert.equal(doc.source.span('/b')?.line, 2);
});

test('a file that is not UTF-8 is refused, as Python refuses to decode it; a BOM is fine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-utf8-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const doc = loadFileSync(bad, 'bad.yaml');
    assert.equal(doc.loaded, false);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.line, d.column]),
      [['RULES_E_YAML_SYNTAX', 2, 7]],
    );
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: café\n')]));
    assert.deepEqual(loadFileSync(bom, 'bom.yaml').value, { a: 'café' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
