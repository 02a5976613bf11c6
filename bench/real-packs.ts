// `rules compile --check` of ../shared/real-packs (StackStorm's own packs and Exchange packs as published): the
// compiler in process, cold (a fresh cache directory) and warm (that cache again, a CI re-run), against reading and
// parsing the same YAML files with the pack loader alone in the same run: the floor any compile of them has.
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compilePacks } from '../src/compile/index.ts';
import { parseYaml } from '../src/pack/index.ts';
import { sharedDir } from '../test/shared-dir.ts';

const ROUNDS = 3;

async function bareParse(root: string, files: string[]): Promise<void> {
  const texts = await Promise.all(files.map((f) => readFile(join(root, f), 'utf8')));
  for (const [i, text] of texts.entries()) parseYaml(text, files[i] ?? 'bench.yaml');
}

export async function run(): Promise<string> {
  const shared = sharedDir();
  if (!shared) return 'skipped: ../shared/real-packs not found';
  const root = join(shared, 'real-packs');
  const yamlFiles = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
  const cache = await mkdtemp(join(tmpdir(), 'rules-bench-real-packs-'));
  const bare: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  let files = 0;
  let rules = 0;
  try {
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      await bareParse(root, yamlFiles);
      bare.push(performance.now() - t);
      await rm(cache, { recursive: true, force: true });
      t = performance.now();
      const out = await compilePacks({ roots: [root], cache });
      cold.push(performance.now() - t);
      const errors = out.diagnostics.filter((d) => d.severity === 'error').length;
      if (errors > 0) throw new Error(`${errors} errors compiling the real packs`);
      files = out.files;
      rules = out.rules.length;
      t = performance.now();
      const again = await compilePacks({ roots: [root], cache });
      warm.push(performance.now() - t);
      if (again.diagnostics.length !== out.diagnostics.length) throw new Error('warm run disagrees with cold run');
    }
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
  const best = (xs: number[]) => Math.min(...xs);
  const rate = (ms: number, n: number) => `${ms.toFixed(0)} ms, ${((n / ms) * 1000).toFixed(0)} files/s`;
  return [
    `| measure (${files} files compiled, ${rules} rules; best of ${ROUNDS}) | value |`,
    '|---|---|',
    `| read + parseYaml of all ${yamlFiles.length} YAML files | ${rate(best(bare), yamlFiles.length)} |`,
    `| compile --check, cold cache | ${rate(best(cold), files)} (${(best(cold) / best(bare)).toFixed(2)}x the parse) |`,
    `| compile --check, warm cache | ${rate(best(warm), files)} (${(best(warm) / best(bare)).toFixed(2)}x the parse) |`,
  ].join('\n');
}
