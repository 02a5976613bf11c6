// Issue 14, point 5: a rule calling an action of a pack that is not in the pack roots (`slack.post_message` while
// slack is installed elsewhere) is registered by StackStorm (st2common/models/api/rule.py RuleAPI.to_model does not
// look the action up; st2reactor/rules/enforcer.py _do_enforce fails "Action ... doesn't exist" only at run time):
// a warning naming the pack, an error with --strict or when the config file lists the installed packs and this one
// is not among them. A ref without a pack part, or of a loaded pack without that action, stays an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { readInstalledPacks, runCompile, UsageError } from '../../src/app/index.ts';

const rule = (name: string, ref: string) =>
  `name: ${name}\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: ${name}}}\naction: {ref: ${ref}}\n`;

async function packs(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-missing-'));
  const files: Record<string, string> = {
    'app/pack.yaml': 'name: app\ndescription: d\nversion: 0.1.0\nauthor: a\n',
    'app/rules/slack.yaml': rule('slack', 'slack.post_message'),
    'app/rules/jira.yaml': rule('jira', 'jira.create_issue'),
    'app/rules/bare.yaml': rule('bare', 'check_procs'),
    'app/rules/own.yaml': rule('own', 'app.nope'),
    'app/rules/core.yaml': rule('core', 'core.nope'),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const codes = (out: { diagnostics: { file: string; code: string }[] }) =>
  Object.fromEntries(out.diagnostics.map((d) => [d.file.replace(/^.*\/rules\//, ''), d.code]));

test('default: a warning naming the pack; unknown refs of loaded packs and bare refs are errors', async () => {
  const dir = await packs();
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(codes(out), {
      'bare.yaml': 'RULES_E_ACTION_NOT_FOUND',
      'core.yaml': 'RULES_E_ACTION_NOT_FOUND',
      'jira.yaml': 'RULES_W_ACTION_PACK_NOT_LOADED',
      'own.yaml': 'RULES_E_ACTION_NOT_FOUND',
      'slack.yaml': 'RULES_W_ACTION_PACK_NOT_LOADED',
    });
    assert.match(out.diagnostics.find((d) => d.file.endsWith('slack.yaml'))?.message ?? '', /pack "slack"/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('--strict makes it an error; a list of installed packs silences those packs and fails the others', async () => {
  const dir = await packs();
  try {
    const strict = await compilePacks({ roots: [dir], strict: true });
    assert.equal(codes(strict)['slack.yaml'], 'RULES_E_ACTION_PACK_NOT_INSTALLED');
    const listed = await compilePacks({ roots: [dir], installedPacks: ['slack'] });
    assert.equal(codes(listed)['slack.yaml'], undefined);
    assert.equal(codes(listed)['jira.yaml'], 'RULES_E_ACTION_PACK_NOT_INSTALLED');
    assert.equal(codes(listed)['bare.yaml'], 'RULES_E_ACTION_NOT_FOUND');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('rules compile: exit 0 with the warnings, 1 with --strict; --config reads installedPacks', async () => {
  const dir = await packs();
  const only = join(dir, 'only');
  await mkdir(join(only, 'app', 'rules'), { recursive: true });
  await writeFile(join(only, 'app', 'pack.yaml'), 'name: app\ndescription: d\nversion: 0.1.0\nauthor: a\n');
  await writeFile(join(only, 'app', 'rules', 'slack.yaml'), rule('slack', 'slack.post_message'));
  const config = join(dir, 'rules.yaml');
  await writeFile(config, 'port: 9101\ninstalledPacks:\n  - slack\n');
  try {
    let text = '';
    const io = { stdout: (s: string) => (text += s), isTTY: false, cwd: dir, env: {} };
    const base = { check: true, format: 'pretty', cache: false, packs: [only] };
    assert.equal(await runCompile(base, io), 0);
    assert.match(text, /RULES_W_ACTION_PACK_NOT_LOADED/);
    assert.equal(await runCompile({ ...base, strict: true }, io), 1);
    text = '';
    assert.equal(await runCompile({ ...base, strict: true, config }, io), 0);
    assert.doesNotMatch(text, /RULES_._ACTION_PACK/);
    assert.deepEqual(readInstalledPacks(config), ['slack']);
    await writeFile(config, 'installedPacks: slack\n');
    assert.throws(() => readInstalledPacks(config), UsageError);
  } finally {
    await rm(dir, { recursive: true });
  }
});
