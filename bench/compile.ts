// Pack compile speed: 10,000 generated rules in 100 packs, compiled with compilePacks, against parsing
// the same files with the `yaml` package alone in the same run. Target: under 1 s and under 3x the bare parse.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { compilePacks } from '../src/compile/index.ts';

const PACKS = 100;
const RULES_PER_PACK = 100;

function ruleText(p: number, r: number): string {
  return `---
name: rule_${r}
pack: pack_${p}
description: Generated rule ${r} of pack ${p}.
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: hooks/pack_${p}/${r % 10}
criteria:
  trigger.body.event:
    type: equals
    pattern: "event_${r}"
  trigger.headers_lower['x-kind']:
    type: iequals
    pattern: push
  trigger.body.ref:
    type: regex
    pattern: '^refs/heads/(main|release-\\d+)$'
action:
  ref: core.local
  parameters:
    cmd: "echo fired ${p}/${r}: {{ trigger.body.event | shell_quote }}"
`;
}

async function generate(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rules-bench-compile-'));
  for (let p = 0; p < PACKS; p++) {
    const dir = join(root, `pack_${p}`);
    await mkdir(join(dir, 'rules'), { recursive: true });
    await writeFile(join(dir, 'pack.yaml'), `name: pack_${p}\ndescription: generated\nversion: 0.1.0\nauthor: bench\n`);
    await Promise.all(
      Array.from({ length: RULES_PER_PACK }, (_, r) => writeFile(join(dir, 'rules', `rule_${r}.yaml`), ruleText(p, r))),
    );
  }
  return root;
}

/** Reads and parses every file with `yaml` alone (positions kept, as the compiler needs). */
async function bareParse(root: string): Promise<number> {
  let n = 0;
  for (const pack of (await readdir(root)).sort()) {
    const texts = await Promise.all(
      [
        join(root, pack, 'pack.yaml'),
        ...(await readdir(join(root, pack, 'rules'))).sort().map((f) => join(root, pack, 'rules', f)),
      ].map((f) => readFile(f, 'utf8')),
    );
    for (const t of texts) {
      parseDocument(t, { version: '1.1' }).toJS();
      n++;
    }
  }
  return n;
}

export async function run(): Promise<string> {
  const root = await generate();
  try {
    // Warm-up (module loading, JIT) on a small slice would skew nothing here: both sides run twice, best of two.
    const bare: number[] = [];
    const compiled: number[] = [];
    const warm: number[] = [];
    const cacheDir = `${root}-cache`;
    let files = 0;
    let diagnostics = 0;
    let peakRss = process.memoryUsage().rss;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    for (let i = 0; i < 2; i++) {
      let t = performance.now();
      files = await bareParse(root);
      bare.push(performance.now() - t);
      t = performance.now();
      // Cold: a fresh cache directory, so nothing is reused (the cache is written, as in CI's first run).
      await rm(cacheDir, { recursive: true, force: true });
      const out = await compilePacks({ roots: [root], cache: cacheDir });
      compiled.push(performance.now() - t);
      diagnostics = out.diagnostics.length;
      if (out.rules.length !== PACKS * RULES_PER_PACK)
        throw new Error(`expected ${PACKS * RULES_PER_PACK} rules, got ${out.rules.length}`);
      // Warm: same files, the cache of the previous run (a re-run, or watch mode after one edit).
      t = performance.now();
      const again = await compilePacks({ roots: [root], cache: cacheDir });
      warm.push(performance.now() - t);
      if (again.diagnostics.length !== diagnostics) throw new Error('warm run disagrees with cold run');
    }
    clearInterval(timer);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const bareMs = Math.min(...bare);
    const compileMs = Math.min(...compiled);
    const warmMs = Math.min(...warm);
    return [
      `| measure | value |`,
      `|---|---|`,
      `| files | ${files} (${PACKS} packs x ${RULES_PER_PACK} rules + pack.yaml) |`,
      `| yaml alone (parse + toJS) | ${bareMs.toFixed(0)} ms, ${((files / bareMs) * 1000).toFixed(0)} files/s |`,
      `| compilePacks, cold cache (parse, schema, semantic checks) | ${compileMs.toFixed(0)} ms, ${((files / compileMs) * 1000).toFixed(0)} files/s |`,
      `| compilePacks, warm cache (unchanged files) | ${warmMs.toFixed(0)} ms, ${((files / warmMs) * 1000).toFixed(0)} files/s |`,
      `| ratio cold / bare parse | ${(compileMs / bareMs).toFixed(2)}x (target < 3x) |`,
      `| ratio warm / bare parse | ${(warmMs / bareMs).toFixed(2)}x |`,
      `| target < 1 s | cold ${compileMs < 1000 ? 'met' : 'NOT met'}, warm ${warmMs < 1000 ? 'met' : 'NOT met'} |`,
      `| peak RSS | ${(peakRss / 1024 / 1024).toFixed(0)} MiB |`,
      `| diagnostics | ${diagnostics} |`,
    ].join('\n');
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(`${root}-cache`, { recursive: true, force: true });
  }
}
