// Issue 14, point 6: never pass vacuously. A base path without any pack is an error (a CI job pointed at the wrong
// folder would otherwise be green having checked nothing); a base path that is itself a pack (an Exchange
// repository checked out alone: `rules compile --packs .`) is taken as that pack; a directory with content folders
// but no pack.yaml is reported as StackStorm 3.x's registrars report it (st2common/util/pack.py get_pack_metadata:
// 'Pack "<dir>" is missing pack.yaml file'). StackStorm's own loader (st2common/content/loader.py
// ContentPackLoader._get_packs_from_dir) only sees sub-directories with pack.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-roots-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const MANIFEST = 'name: github\nref: github\ndescription: d\nversion: 1.0.0\nauthor: a\n';
const RULE =
  'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: gh}}\naction: {ref: github.noop}\n';
const ACTION = 'name: noop\nrunner_type: noop\n';

test('a base path without packs is an error, whatever else it holds', async () => {
  const dir = await tree({ 'README.md': '# packs\n', 'notes/todo.txt': 'x\n' });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.diagnostics.map((d) => [d.code, d.file]),
      [['RULES_E_PACK_ROOT_EMPTY', dir]],
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a base path that is itself a pack is that pack (its ref from pack.yaml, not the folder name)', async () => {
  const dir = await tree({
    'stackstorm-github/pack.yaml': MANIFEST,
    'stackstorm-github/rules/r.yaml': RULE,
    'stackstorm-github/actions/noop.yaml': ACTION,
  });
  try {
    const out = await compilePacks({ roots: [join(dir, 'stackstorm-github')] });
    assert.deepEqual(out.diagnostics, []);
    assert.deepEqual(
      out.packs.map((p) => p.ref),
      ['github'],
    );
    assert.deepEqual(
      out.rules.map((r) => r.ref),
      ['github.r'],
    );
    assert.equal(out.files, 3);
    // The same checkout under a base path is the same pack.
    const under = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      under.rules.map((r) => r.ref),
      ['github.r'],
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a directory with rules/ or actions/ but no pack.yaml is StackStorm’s "missing pack.yaml file"', async () => {
  const dir = await tree({
    'github/pack.yaml': MANIFEST,
    'github/actions/noop.yaml': ACTION,
    'half/rules/r.yaml': RULE,
    'configs/github.yaml': 'token: x\n',
    'docs/index.md': '# not a pack\n',
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.diagnostics.map((d) => [d.code, d.file, d.message]),
      [['RULES_E_PACK_MANIFEST_MISSING', join(dir, 'half'), `Pack "${join(dir, 'half')}" is missing pack.yaml file`]],
    );
    assert.deepEqual(
      out.packs.map((p) => p.ref),
      ['github'],
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});
