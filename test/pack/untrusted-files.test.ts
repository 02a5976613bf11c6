// Issue 16, items 9 and 10: pack files from a pull request are untrusted. Links out of the pack root, FIFOs,
// devices and oversized files are refused with a diagnostic, never read: not by the compiler, not by the
// watcher, not by the code frames of `rules compile`. Real files, FIFOs (mkfifo) and links in temp dirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { runCompile } from '../../src/app/index.ts';
import { startHotReload } from '../../src/watch/index.ts';
import { ruleYaml, tempRoot, waitFor, write, writePack } from '../watch/helpers.ts';

const codesOf = (diagnostics: ReadonlyArray<{ code: string; file: string }>, file: string): string[] =>
  diagnostics.filter((d) => d.file === file).map((d) => d.code);

const within = <T>(ms: number, p: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_r, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

test('compile --check never prints a file that a link outside the pack root points at', async () => {
  const { root: dir, cleanup } = await tempRoot();
  try {
    const secret = join(dir, 'shadow');
    writeFileSync(secret, 'root:$6$SECRET-HASH:19000:0:99999:7:::\nuser: [unclosed\n');
    const root = join(dir, 'packs');
    await writePack(root, 'p', { 'ok.yaml': ruleYaml('p', 'ok', 'ok', 'x') });
    symlinkSync(secret, join(root, 'p/rules/x.yaml'));
    // A linked rules folder leads out too.
    symlinkSync(dir, join(root, 'p/triggers'));
    let stdout = '';
    const code = await runCompile(
      { check: true, format: 'pretty', packs: [root], cache: false },
      { stdout: (s) => (stdout += s), isTTY: false, cwd: dir, env: {} },
    );
    assert.equal(code, 1);
    assert.match(stdout, /x\.yaml is a link to .*shadow, outside the pack root/);
    assert.match(stdout, /RULES_E_PACK_FILE_OUTSIDE/);
    assert.doesNotMatch(stdout, /SECRET-HASH|unclosed/);
    for (const format of ['json', 'github'])
      await runCompile(
        { check: true, format, packs: [root], cache: false },
        { stdout: (s) => assert.doesNotMatch(s, /SECRET-HASH/), isTTY: false, cwd: dir, env: {} },
      );
  } finally {
    await cleanup();
  }
});

test('a FIFO, a link to /dev/zero and a 2 MB rule file: diagnostics, nothing read, the compile ends', async () => {
  const { root, cleanup } = await tempRoot();
  try {
    await writePack(root, 'p', { 'ok.yaml': ruleYaml('p', 'ok', 'ok', 'x') });
    execFileSync('mkfifo', [join(root, 'p/rules/fifo.yaml')]);
    symlinkSync('/dev/zero', join(root, 'p/rules/zero.yaml'));
    await write(
      join(root, 'p/rules/big.yaml'),
      `${ruleYaml('p', 'big', 'big', 'x')}# ${'x'.repeat(2 * 1024 * 1024)}\n`,
    );
    const out = await within(60_000, compilePacks({ roots: [root] }), 'compile');
    assert.deepEqual(codesOf(out.diagnostics, join(root, 'p/rules/fifo.yaml')), ['RULES_E_PACK_FILE_NOT_REGULAR']);
    assert.deepEqual(codesOf(out.diagnostics, join(root, 'p/rules/zero.yaml')), ['RULES_E_PACK_FILE_OUTSIDE']);
    assert.deepEqual(codesOf(out.diagnostics, join(root, 'p/rules/big.yaml')), ['RULES_E_PACK_FILE_TOO_LARGE']);
    assert.deepEqual(
      out.rules.map((r) => r.ref),
      ['p.ok'],
    );
    const larger = await compilePacks({ roots: [root], maxFileBytes: 4 * 1024 * 1024 });
    assert.ok(
      larger.rules.some((r) => r.ref === 'p.big'),
      'the cap is configurable',
    );
  } finally {
    await cleanup();
  }
});

test('the watcher reads what the loader reads: a FIFO and a /dev/zero link neither hang nor grow memory', async () => {
  const { root, cleanup } = await tempRoot();
  try {
    await writePack(root, 'p', { 'ok.yaml': ruleYaml('p', 'ok', 'ok', 'x') });
    execFileSync('mkfifo', [join(root, 'p/rules/fifo.yaml')]);
    symlinkSync('/dev/zero', join(root, 'p/rules/zero.yaml'));
    const hot = await within(60_000, startHotReload({ roots: [root] }), 'the watcher did not get ready');
    try {
      // A change next to them is still seen and served.
      await write(join(root, 'p/rules/new.yaml'), ruleYaml('p', 'new', 'new', 'x'));
      await waitFor(() => hot.holder.current().rules.has('p.new'), 'the new rule to be served', 30_000);
    } finally {
      await within(30_000, hot.close(), 'the watcher did not close');
    }
  } finally {
    await cleanup();
  }
});
