// One broken pack per diagnostic code (test/fixtures/<CODE>/) with its expected pretty output.
// Goldens are rewritten only with UPDATE_GOLDEN=1, never silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePacks } from '../../src/compile/index.ts';
import { codeFrameSource } from '../../src/app/index.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/pack/index.ts';
import { codes as catalogue, formatPretty } from '../../src/diagnostics/index.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';
const codeDirs = readdirSync(fixtures)
  .filter((n) => /^RULES_[EW]_/.test(n))
  .sort();

async function renderFixture(dir: string): Promise<{ text: string; codes: string[] }> {
  const rootFile = join(dir, 'root');
  const roots = existsSync(rootFile)
    ? readFileSync(rootFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((r) => join(dir, r.startsWith('packs') ? r : `packs/${r}`))
    : [join(dir, 'packs')];
  // Marker files: `strict` (--strict-st2), `installed-packs` (the config file's installedPacks, one per line),
  // `max-file-bytes` (the file size cap, RULES_E_PACK_FILE_TOO_LARGE).
  const installed = join(dir, 'installed-packs');
  const capFile = join(dir, 'max-file-bytes');
  const maxFileBytes = existsSync(capFile) ? Number(readFileSync(capFile, 'utf8').trim()) : DEFAULT_MAX_FILE_BYTES;
  const out = await compilePacks({
    roots,
    strictSt2: existsSync(join(dir, 'strict')),
    maxFileBytes,
    ...(existsSync(installed) ? { installedPacks: readFileSync(installed, 'utf8').split('\n').filter(Boolean) } : {}),
  });
  // Code frames as `rules compile` shows them: never from a file the loader refused.
  const text = formatPretty(
    { diagnostics: out.diagnostics, files: out.files, durationMs: 0 },
    { cwd: dir, source: codeFrameSource(roots, maxFileBytes) },
  );
  // Absolute paths of files outside the fixture (none expected) would make goldens machine-specific.
  return { text: text.replaceAll(`${dir}/`, ''), codes: out.diagnostics.map((d) => d.code) };
}

test('every code of the catalogue has a fixture', () => {
  for (const code of Object.keys(catalogue)) {
    assert.ok(codeDirs.includes(code), `missing test/fixtures/${code}/`);
  }
});

for (const code of codeDirs) {
  test(`fixture ${code}`, async () => {
    const dir = join(fixtures, code);
    const { text, codes } = await renderFixture(dir);
    assert.ok(codes.includes(code), `${code} not reported; got ${codes.join(', ') || 'nothing'}`);
    const golden = join(dir, 'expected.txt');
    if (update) writeFileSync(golden, text);
    assert.ok(existsSync(golden), `no golden ${golden}: run UPDATE_GOLDEN=1 node test/run.js test/compile`);
    assert.equal(text, readFileSync(golden, 'utf8'));
  });
}
