// Differential test of the YAML loader against the real thing: StackStorm loads every pack file with
// PyYAML's CSafeLoader (st2common/constants/meta.py), here Debian's python3-yaml under /usr/bin/python3.
// Each text must give the same value or be refused by both (pyyaml-compare.ts lists the few values
// JavaScript cannot hold exactly; they are counted, not hidden). PyYAML runs once per batch.
// Without python3-yaml the tests are skipped with the reason, except under CI=true, where they fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../src/pack/index.ts';
import { compare } from './pyyaml-compare.ts';
import type { Agreement, PyResult } from './pyyaml-compare.ts';
import { corpus } from './pyyaml-corpus.ts';

const PYTHON = process.env['RULES_TEST_PYTHON'] ?? '/usr/bin/python3';
const HARNESS = fileURLToPath(new URL('./pyyaml-harness.py', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const CI = process.env['CI'] === 'true';

function runPyYaml(docs: string[]): { results?: PyResult[]; problem?: string } {
  const py = spawnSync(PYTHON, [HARNESS], {
    input: JSON.stringify({ docs }),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 1 << 28,
  });
  if (py.error) return { problem: `${PYTHON} cannot run (${py.error.message}): install Debian's python3-yaml` };
  if (py.status !== 0) return { problem: (py.stderr || `harness exited with ${py.status}`).trim() };
  return { results: JSON.parse(py.stdout) as PyResult[] };
}

const probe = runPyYaml([]);
const skip: string | false = probe.problem && !CI ? `PyYAML is not available: ${probe.problem}` : false;

/** `../shared/real-packs` of the repository (or of a parent, for a worktree). */
function realPacks(): string | undefined {
  for (let dir = repo; ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'real-packs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Runs both loaders on every text; returns the mismatches and how many texts fell in each agreement. */
function differential(docs: string[], names: string[]): { mismatches: string[]; counts: Map<string, number> } {
  const { results, problem } = runPyYaml(docs);
  assert.ok(results, `PyYAML harness failed: ${problem ?? ''}`);
  assert.equal(results.length, docs.length);
  const mismatches: string[] = [];
  const counts = new Map<string, number>();
  docs.forEach((text, i) => {
    const doc = parseYaml(text, names[i] ?? 'corpus.yaml');
    const reason = doc.diagnostics[0]?.message;
    const verdict = compare(results[i] as PyResult, {
      loaded: doc.loaded,
      value: doc.value,
      ...(reason ? { reason } : {}),
    });
    const kind: Agreement | 'mismatch' = verdict.kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (results[i]?.pure === false) counts.set('pure-python-differs', (counts.get('pure-python-differs') ?? 0) + 1);
    if (verdict.kind === 'mismatch') mismatches.push(`${names[i] ?? JSON.stringify(text)}: ${verdict.detail}`);
  });
  if (process.env['DIFF_REPORT']) console.error(Object.fromEntries(counts), mismatches.slice(0, 50).join('\n'));
  return { mismatches, counts };
}

test('our YAML loader agrees with PyYAML (CSafeLoader) on the generated corpus', { skip }, () => {
  assert.ok(!probe.problem, `CI=true and PyYAML is not available: ${probe.problem ?? ''}`);
  const docs = corpus();
  assert.ok(docs.length >= 3000, `corpus has only ${docs.length} texts`);
  const { mismatches, counts } = differential(docs, []);
  assert.deepEqual(mismatches, []);
  // The corpus reaches both outcomes and libyaml's own behaviour (where PyYAML's pure-Python parser differs).
  assert.ok((counts.get('same-value') ?? 0) > 1000);
  assert.ok((counts.get('same-refusal') ?? 0) > 1000);
  assert.ok((counts.get('pure-python-differs') ?? 0) > 20, 'the corpus no longer tells CSafeLoader from SafeLoader');
  // The values JavaScript cannot hold exactly stay few and known.
  for (const kind of ['int-precision', 'datetime-precision', 'recursive', 'key-collision']) {
    assert.ok((counts.get(kind) ?? 0) < 60, `${kind}: ${counts.get(kind)}`);
  }
});

test('every YAML file of the real StackStorm packs loads exactly as PyYAML loads it', { skip }, (t) => {
  assert.ok(!probe.problem, `CI=true and PyYAML is not available: ${probe.problem ?? ''}`);
  const dir = realPacks();
  if (!dir) {
    assert.ok(!CI, 'CI=true but ../shared/real-packs is missing');
    t.skip('../shared/real-packs is not there');
    return;
  }
  const files = yamlFiles(dir);
  assert.ok(files.length > 100, `only ${files.length} YAML files under ${dir}`);
  const { mismatches, counts } = differential(
    files.map((f) => readFileSync(f, 'utf8')),
    files,
  );
  assert.deepEqual(mismatches, []);
  assert.equal(counts.get('same-value'), files.length, JSON.stringify(Object.fromEntries(counts)));
});
