import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks, CompileCache } from '../../src/compile/index.ts';

const PACK = 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n';
const RULE =
  'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: hook}}\ncriteria:\n  trigger.body.x: {type: equls, pattern: "1"}\naction:\n  ref: core.local\n  parameters:\n    cmd: "echo {{ trigger.body.x | shell_quote }}"\n';

async function setup(): Promise<{ root: string; cacheDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'rules-cache-'));
  await mkdir(join(root, 'packs/p/rules'), { recursive: true });
  await writeFile(join(root, 'packs/p/pack.yaml'), PACK);
  await writeFile(join(root, 'packs/p/rules/r.yaml'), RULE);
  return { root, cacheDir: join(root, 'cache') };
}

test('a warm run reuses parsed files and checks and reports exactly the same diagnostics', async () => {
  const { root, cacheDir } = await setup();
  try {
    const cold = await compilePacks({ roots: [join(root, 'packs')], cache: cacheDir });
    assert.deepEqual(
      cold.diagnostics.map((d) => d.code),
      ['RULES_E_CRITERIA_UNKNOWN_OPERATOR'],
    );
    const saved = JSON.parse(await readFile(join(cacheDir, 'compile-cache.json'), 'utf8')) as {
      files: object;
      checks: object;
    };
    assert.equal(Object.keys(saved.files).length, 2);
    assert.equal(Object.keys(saved.checks).length, 1);
    const cache = await CompileCache.open(
      cacheDir,
      (JSON.parse(await readFile(join(cacheDir, 'compile-cache.json'), 'utf8')) as { salt: string }).salt,
    );
    const warm = await compilePacks({ roots: [join(root, 'packs')], cache });
    assert.equal(cache.hits, 2);
    assert.equal(cache.misses, 0);
    assert.deepEqual(warm.diagnostics, cold.diagnostics);
    assert.deepEqual(
      warm.rules.map((r) => [r.ref, r.criteria, r.action]),
      cold.rules.map((r) => [r.ref, r.criteria, r.action]),
    );
    // Positions still work on cached files (the source map parses lazily).
    assert.equal(warm.rules[0]?.source.span('/action/ref')?.line, 7);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('an edited file is recompiled; a corrupt cache is ignored', async () => {
  const { root, cacheDir } = await setup();
  try {
    await compilePacks({ roots: [join(root, 'packs')], cache: cacheDir });
    await writeFile(join(root, 'packs/p/rules/r.yaml'), RULE.replace('equls', 'equals'));
    assert.deepEqual((await compilePacks({ roots: [join(root, 'packs')], cache: cacheDir })).diagnostics, []);
    await writeFile(join(cacheDir, 'compile-cache.json'), '{not json');
    await writeFile(join(root, 'packs/p/rules/r.yaml'), RULE);
    assert.deepEqual(
      (await compilePacks({ roots: [join(root, 'packs')], cache: cacheDir })).diagnostics.map((d) => d.code),
      ['RULES_E_CRITERIA_UNKNOWN_OPERATOR'],
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
