// Template problems in action parameters are placed inside the YAML scalar, whatever its style.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';

const HEAD =
  'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: hook}}\naction:\n  ref: core.local\n';
const styles: Array<[string, string]> = [
  ['plain', '  parameters:\n    cmd: echo {{ trigger.body.x | nosuch }}\n'],
  ['double quoted', '  parameters:\n    cmd: "echo \\"{{ trigger.body.x | nosuch }}\\""\n'],
  ['single quoted', "  parameters:\n    cmd: 'echo ''{{ trigger.body.x | nosuch }}'''\n"],
  ['flow', '  parameters: {cmd: "echo {{ trigger.body.x | nosuch }}"}\n'],
  ['literal block', '  parameters:\n    cmd: |\n      echo one\n      echo {{ trigger.body.x | nosuch }}\n'],
  ['folded block', '  parameters:\n    cmd: >-\n      echo one\n      echo {{ trigger.body.x | nosuch }}\n'],
];

for (const [name, params] of styles) {
  test(`unknown filter located in a ${name} scalar`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'rules-pos-'));
    try {
      await mkdir(join(root, 'p/rules'), { recursive: true });
      await writeFile(join(root, 'p/pack.yaml'), 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n');
      const text = HEAD + params;
      await writeFile(join(root, 'p/rules/r.yaml'), text);
      const out = await compilePacks({ roots: [root] });
      const d = out.diagnostics.find((x) => x.code === 'RULES_E_TEMPLATE_UNKNOWN_FILTER');
      assert.ok(d, JSON.stringify(out.diagnostics));
      const line = text.split('\n')[d.line - 1] ?? '';
      assert.equal(d.endLine, d.line);
      // The template stage's span covers the filter application (`| nosuch`); what matters here is that it lands on it.
      assert.equal(
        line
          .slice(d.column - 1, d.endColumn - 1)
          .replace(/^\s*\|\s*/, '')
          .trim(),
        'nosuch',
        `${name}: ${line} @${d.column}-${d.endColumn}`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}

test('a bad key path is reported at the exact column inside the key', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rules-pos-'));
  try {
    await mkdir(join(root, 'p/rules'), { recursive: true });
    await writeFile(join(root, 'p/pack.yaml'), 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n');
    await writeFile(
      join(root, 'p/rules/r.yaml'),
      `${HEAD}criteria:\n  trigger.bo$dy.x:\n    type: equals\n    pattern: "1"\n  "trigger.a$b":\n    type: equals\n    pattern: "1"\n`.replace(
        'action:\n  ref: core.local\n',
        'action:\n  ref: core.noop\n',
      ),
    );
    const out = await compilePacks({ roots: [root] });
    const keys = out.diagnostics
      .filter((d) => d.code === 'RULES_E_CRITERIA_KEY_SYNTAX')
      .map((d) => [d.line, d.column, d.endColumn]);
    assert.deepEqual(keys, [
      [7, 13, 14],
      [10, 13, 14],
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
