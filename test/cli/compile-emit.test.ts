// `rules compile --emit DIR`: the generated matcher code is written for review, one file per Trigger, with
// comments naming each rule's file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'src/cli/bin.js');

test('compile --emit writes one file per Trigger of the example packs, naming rule files and lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-emit-'));
  try {
    const r = spawnSync(
      process.execPath,
      [bin, 'compile', '--check', '--no-cache', '--packs', join(root, 'packs'), '--emit', dir],
      { encoding: 'utf8', cwd: root },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /wrote \d+ generated matcher file\(s\)/);
    const files = readdirSync(dir);
    const sample = files.find((f) => f.startsWith('webhook-sample-'));
    assert.ok(sample, `a file for the sample webhook among ${files.join(', ')}`);
    const code = readFileSync(join(dir, sample), 'utf8');
    assert.match(code, /\/\/ rule examples\.\S+ \(.*packs\/examples\/rules\/\S+\.yaml/);
    assert.match(code, /trigger\.body\.key1: equals \(.*\.yaml:\d+\)/);
    // The emitted body is valid JavaScript (a function body returning the rule predicates).
    assert.doesNotThrow(() => new Function('ext', 'rt', code));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
