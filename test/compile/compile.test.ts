import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compilePacks, loadRuleFile, resolvePackRoots } from '../../src/compile/index.ts';
import { runCompile } from '../../src/app/index.ts';
import { UsageError } from '../../src/cli/command.ts';
import { loadBuiltins } from '../../src/pack/index.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function tempPacks(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-compile-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const PACK = 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n';
const rule = (name: string, extra = 'enabled: true\n') =>
  `name: ${name}\n${extra}trigger:\n  type: core.st2.webhook\n  parameters: {url: hook}\naction:\n  ref: core.noop\n`;

test('the example packs compile clean, with the st2-webhooks.txt rules', async () => {
  const out = await compilePacks({ roots: [join(repo, 'packs')], strictSt2: true });
  assert.deepEqual(out.diagnostics, []);
  const sample = out.rules.find((r) => r.ref === 'examples.sample');
  assert.ok(sample?.enabled);
  assert.deepEqual(sample.trigger, { type: 'core.st2.webhook', parameters: { url: 'sample' } });
  assert.deepEqual(
    sample.criteria.map((c) => [c.key, c.type, c.pattern]),
    [['trigger.body.key1', 'equals', 'value1']],
  );
  assert.equal(sample.metadataFile, 'rules/sample.yaml');
  // The generic-webhook example keeps the documentation's names, so its curl command works literally.
  const my = out.rules.find((r) => r.ref === 'mypack.mytrigger');
  assert.equal(my?.trigger.type, 'mypack.mytrigger');
  assert.ok(out.triggerTypes.some((t) => t.ref === 'mypack.mytrigger' && !t.system));
  assert.equal(sample.action.ref, 'mypack.myaction');
  assert.ok(out.actions.some((a) => a.ref === 'mypack.myaction'));
  assert.ok(out.triggerTypes.some((t) => t.ref === 'core.st2.webhook' && t.system));
  assert.ok(out.actions.some((a) => a.ref === 'core.local'));
  assert.ok(out.rules.filter((r) => r.pack === 'github').length >= 3);
});

test('built-ins: core actions, runners with aliases, system trigger types', () => {
  const b = loadBuiltins();
  const refs = b.actions.map((a) => a.ref);
  for (const ref of ['core.echo', 'core.http', 'core.local', 'core.noop', 'core.sendmail', 'packs.install'])
    assert.ok(refs.includes(ref), ref);
  assert.equal(b.runners.get('orchestra')?.name, 'orquesta');
  assert.equal(b.runners.get('run-local'), undefined);
  assert.equal(b.removedRunners.get('run-local')?.replacement, 'local-shell-cmd');
  assert.ok(b.runners.get('http-request')?.parameters['url']?.required);
  const hook = b.triggerTypes.find((t) => t.ref === 'core.st2.webhook');
  assert.deepEqual(Object.keys(hook?.parametersSchema['properties'] as object), ['url']);
});

test('overrides set enabled by defaults and exceptions; enabled omitted is false with a warning', async () => {
  const dir = await tempPacks({
    'p/pack.yaml': PACK,
    'p/rules/a.yaml': rule('a'),
    'p/rules/b.yaml': rule('b'),
    'p/rules/c.yaml': rule('c', ''),
    'p/actions/x.yaml': 'name: x\nrunner_type: noop\n',
    'overrides/p.yaml': 'rules:\n  defaults: {enabled: false}\n  exceptions:\n    b: {enabled: true}\n',
    'overrides/_global.yaml': 'actions:\n  defaults: {enabled: false}\n',
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.rules.map((r) => [r.ref, r.enabled]),
      [
        ['p.a', false],
        ['p.b', true],
        ['p.c', false],
      ],
    );
    assert.deepEqual(
      out.diagnostics.map((d) => d.code),
      ['RULES_W_RULE_ENABLED_OMITTED'],
    );
    assert.equal(out.actions.find((a) => a.ref === 'p.x')?.enabled, false);
    assert.equal(out.files, 7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('files: *.yaml and *.yml, sorted, not recursive; directories without pack.yaml are not packs', async () => {
  const dir = await tempPacks({
    'p/pack.yaml': PACK,
    'p/rules/b.yml': rule('b'),
    'p/rules/a.yaml': rule('a'),
    'p/rules/nested/c.yaml': rule('c'),
    'p/rules/d.json': rule('d'),
    'notapack/rules/e.yaml': rule('e'),
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.rules.map((r) => r.ref),
      ['p.a', 'p.b'],
    );
    assert.deepEqual(
      out.packs.map((p) => p.ref),
      ['p'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('loadRuleFile: no validation, pack/name default unknown, enabled forced true', async () => {
  const dir = await tempPacks({
    'r.yaml':
      'trigger: {type: core.st2.webhook}\ncriteria: {trigger.body.a: {type: equals, pattern: 1}}\naction: {ref: core.noop}\nbogus: 1\n',
  });
  try {
    const { rule: r, diagnostics } = await loadRuleFile(join(dir, 'r.yaml'));
    assert.deepEqual(diagnostics, []);
    assert.equal(r?.ref, 'unknown.unknown');
    assert.equal(r?.enabled, true);
    assert.equal(r?.criteria[0]?.pattern, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('resolvePackRoots: flags, then RULES_PACKS, then ./packs', () => {
  assert.deepEqual(resolvePackRoots(['a', 'b'], { RULES_PACKS: 'x:y' }), [resolve('a'), resolve('b')]);
  assert.deepEqual(resolvePackRoots(undefined, { RULES_PACKS: 'x::y' }), [resolve('x'), resolve('y')]);
  assert.deepEqual(resolvePackRoots([], {}), [resolve('packs')]);
});

test('rules compile: exit codes, --max-warnings, --strict-st2, formats', async () => {
  const dir = await tempPacks({
    'p/pack.yaml': PACK,
    'p/rules/a.yaml': `${rule('a', '')}criteria:\n  trigger.body.x: {type: exists}\n`,
  });
  try {
    const run = async (flags: Parameters<typeof runCompile>[0]) => {
      let stdout = '';
      const code = await runCompile(flags, { stdout: (s) => (stdout += s), isTTY: false, cwd: dir, env: {} });
      return { code, stdout };
    };
    const base = { packs: [dir], format: 'pretty' };
    const plain = await run(base);
    assert.equal(plain.code, 0, 'warnings alone pass');
    assert.match(plain.stdout, /POST \/v1\/webhooks\/hook {2}p\.a \(disabled\)/);
    assert.match(plain.stdout, /p {2}1 rules \(0 enabled\)/);
    const check = await run({ ...base, check: true });
    assert.doesNotMatch(check.stdout, /Webhooks:/);
    assert.match(check.stdout, /0 errors, 1 warning in 2 files/);
    assert.equal((await run({ ...base, check: true, maxWarnings: '0' })).code, 1);
    assert.equal((await run({ ...base, check: true, maxWarnings: '1' })).code, 0);
    const strict = await run({ ...base, check: true, strictSt2: true, format: 'json' });
    assert.equal(strict.code, 1);
    const doc = JSON.parse(strict.stdout) as { diagnostics: Array<{ code: string; file: string }> };
    assert.deepEqual(doc.diagnostics.map((d) => d.code).sort(), [
      'RULES_E_ST2_PATTERN_MISSING',
      'RULES_W_RULE_ENABLED_OMITTED',
    ]);
    assert.equal(doc.diagnostics[0]?.file, 'p/rules/a.yaml');
    await assert.rejects(run({ ...base, format: 'xml' }), UsageError);
    await assert.rejects(run({ ...base, maxWarnings: '-1' }), UsageError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the rules binary: exit 1 on errors with github annotations, 2 on usage errors', async () => {
  const dir = await tempPacks({
    'p/pack.yaml': PACK,
    'p/rules/a.yaml': 'name: a\nenabled: true\ntrigger: {type: nope}\naction: {ref: core.noop}\n',
  });
  try {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), ...args], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const bad = cli(['compile', '--check', '--format', 'github', '--packs', dir]);
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /^::error file=.*a\.yaml,line=3,col=17,.*title=RULES_E_RULE_UNKNOWN_TRIGGER_TYPE::/m);
    const usage = cli(['compile', '--format', 'nope', '--packs', dir]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--format must be one of/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
