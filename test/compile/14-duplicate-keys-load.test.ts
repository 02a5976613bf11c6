// Issue 14 point 7: a duplicate YAML key is reported, but the file still loads with the last value, as
// StackStorm's PyYAML SafeLoader loads it (a dict keeps the last value), so one duplicate in an action file
// does not turn into "action not found" errors on every rule that calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';

async function tempPacks(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-dupkeys-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

test('a duplicate key in an action file is one error, and rules calling the action still resolve it', async () => {
  const dir = await tempPacks({
    'p/pack.yaml': 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n',
    'p/actions/hello.yaml': [
      'name: hello',
      'runner_type: local-shell-cmd',
      'description: first',
      'description: second',
      'parameters:',
      '  who: {type: string}',
    ].join('\n'),
    'p/rules/r.yaml': [
      'name: r',
      'enabled: false',
      'enabled: true',
      'trigger:',
      '  type: core.st2.webhook',
      '  parameters: {url: hook}',
      'action:',
      '  ref: p.hello',
      '  parameters:',
      '    who: me',
    ].join('\n'),
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.diagnostics.map((d) => [d.code, d.file.slice(dir.length + 1), d.line]),
      [
        ['RULES_E_YAML_DUPLICATE_KEY', 'p/actions/hello.yaml', 4],
        ['RULES_E_YAML_DUPLICATE_KEY', 'p/rules/r.yaml', 3],
      ],
    );
    const rule = out.rules.find((r) => r.ref === 'p.r');
    // The last value wins, as in StackStorm: the rule is enabled.
    assert.equal(rule?.enabled, true);
    assert.equal(rule?.action.ref, 'p.hello');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
