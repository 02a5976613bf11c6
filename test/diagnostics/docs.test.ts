import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedDocs, syncDocs } from '../../src/cli/commands/docs.ts';
import { createProgram } from '../../src/cli/program.ts';

test('docs --write then --check is clean; an edit makes it stale', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-docs-'));
  try {
    assert.deepEqual((await syncDocs('write', createProgram(), dir)).sort(), ['docs/cli.md', 'docs/errors.md']);
    assert.deepEqual(await syncDocs('check', createProgram(), dir), []);
    await writeFile(join(dir, 'docs/errors.md'), `${await readFile(join(dir, 'docs/errors.md'), 'utf8')}edited\n`);
    assert.deepEqual(await syncDocs('check', createProgram(), dir), ['docs/errors.md']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli.md has the compile options from its option table', () => {
  const cli = generatedDocs(createProgram()).get('docs/cli.md') ?? '';
  assert.match(cli, /## `rules compile`/);
  for (const flag of ['--check', '--format <format>', '--max-warnings <n>', '--strict-st2', '--packs <dir>'])
    assert.ok(cli.includes(`| \`${flag}\` |`), flag);
  assert.match(cli, /\| `--format <format>` \| .* \| `"pretty"` \|/);
});
