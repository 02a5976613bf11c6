import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGithub, formatJson, formatPretty, codes, httpErrors } from '../../src/diagnostics/index.ts';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import { errorsMarkdown } from '../../src/diagnostics/docs.ts';

const d: Diagnostic = {
  code: 'RULES_E_X',
  severity: 'error',
  message: 'bad: a, b\nnext',
  hint: 'fix it',
  file: '/repo/packs/p/rules/r.yaml',
  line: 2,
  column: 7,
  endLine: 2,
  endColumn: 10,
  pointer: '/a',
};
const w: Diagnostic = {
  ...d,
  code: 'RULES_W_Y',
  severity: 'warning',
  message: 'meh',
  line: 1,
  column: 1,
  endColumn: 2,
};
const report = { diagnostics: [d, w], files: 3, durationMs: 12.4 };

test('pretty: location, severity, message, code, source line with caret, hint, summary', () => {
  const text = formatPretty(report, { cwd: '/repo', source: () => 'a: 1\nname: abcdef\n' });
  const lines = text.split('\n');
  assert.equal(lines[0], 'packs/p/rules/r.yaml:2:7  error  bad: a, b\nnext  [RULES_E_X]'.split('\n')[0]);
  assert.ok(text.includes('  2 | name: abcdef\n'));
  assert.ok(text.includes('          ^^^\n'), text);
  assert.ok(text.includes('  hint: fix it\n'));
  assert.ok(text.endsWith('1 error, 1 warning in 3 files (12 ms)\n'));
  assert.ok(!text.includes('\u001b['), 'no colours unless asked');
  assert.ok(formatPretty(report, { color: true }).includes('\u001b[31m'));
});

test('json: one document with every field', () => {
  const doc = JSON.parse(formatJson(report, { cwd: '/repo' })) as {
    diagnostics: Array<Record<string, unknown>>;
    summary: Record<string, unknown>;
  };
  assert.deepEqual(doc.diagnostics[0], {
    file: 'packs/p/rules/r.yaml',
    line: 2,
    column: 7,
    endLine: 2,
    endColumn: 10,
    severity: 'error',
    code: 'RULES_E_X',
    message: 'bad: a, b\nnext',
    hint: 'fix it',
    pointer: '/a',
  });
  assert.deepEqual(doc.summary, { errors: 1, warnings: 1, files: 3, durationMs: 12 });
});

test('github: workflow commands with escaped properties and data', () => {
  const lines = formatGithub(report, { cwd: '/repo' }).split('\n');
  assert.equal(
    lines[0],
    '::error file=packs/p/rules/r.yaml,line=2,col=7,endLine=2,endColumn=10,title=RULES_E_X::bad: a, b%0Anext%0Afix it',
  );
  assert.match(lines[1] ?? '', /^::warning file=/);
  assert.equal(
    formatGithub({
      diagnostics: [{ ...d, file: '/x/a,b:c.yaml', hint: undefined, message: '100%' }],
      files: 1,
      durationMs: 0,
    }).split('\n')[0],
    '::error file=/x/a%2Cb%3Ac.yaml,line=2,col=7,endLine=2,endColumn=10,title=RULES_E_X::100%25',
  );
});

test('errors.md lists every catalogued code with its description', () => {
  const md = errorsMarkdown(codes, httpErrors);
  for (const [code, def] of Object.entries(codes)) {
    assert.ok(md.includes(`## ${code}\n`), code);
    assert.ok(md.includes(def.description), code);
  }
});
