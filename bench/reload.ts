// Hot reload (issue 7): save-to-live latency. With 1,000 and with 10,000 rules loaded, rewrite one rule 50
// times and poll until a match against the served rule set observes the new criterion; p50/p95 of that
// latency, against a full recompile (compilePacks, warm in-memory cache) of the same tree in the same run.
// Also the reloader's own work per reload (recompile, last-known-good merge, rule set build): the part that
// must follow the change, not the tree, so it should be about the same at 1,000 and 10,000 rules.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompileCache, compilePacks } from '../src/compile/index.ts';
import { buildRuleSet } from '../src/ruleset/index.ts';
import { startHotReload } from '../src/watch/index.ts';
import type { HotReload } from '../src/watch/index.ts';

const EDITS = 50;

function ruleText(p: number, r: number, event: string): string {
  return `name: rule_${r}\npack: pack_${p}\ndescription: generated\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: hooks/pack_${p}/${r % 10}\ncriteria:\n  trigger.body.event:\n    type: equals\n    pattern: "${event}"\n  trigger.body.ref:\n    type: regex\n    pattern: '^refs/heads/(main|release-\\\\d+)$'\naction:\n  ref: core.noop\n`;
}

async function generate(packs: number, rulesPerPack: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rules-bench-reload-'));
  for (let p = 0; p < packs; p++) {
    const dir = join(root, `pack_${p}`);
    await mkdir(join(dir, 'rules'), { recursive: true });
    await writeFile(join(dir, 'pack.yaml'), `name: pack_${p}\ndescription: generated\nversion: 0.1.0\nauthor: bench\n`);
    await Promise.all(
      Array.from({ length: rulesPerPack }, (_, r) =>
        writeFile(join(dir, 'rules', `rule_${r}.yaml`), ruleText(p, r, `event_${r}`)),
      ),
    );
  }
  return root;
}

const percentile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/** True when the served rule set fires rule_0 of pack_0 for `event`. */
function observes(hot: HotReload, event: string): boolean {
  const entries = hot.holder.current().webhooks.get('hooks/pack_0/0') ?? [];
  const payload = { body: { event, ref: 'refs/heads/main' }, headers: {} };
  return entries.some((e) =>
    e.matcher.match(payload, { triggerInstanceId: 'bench' }).matched.some((r) => r.ref === 'pack_0.rule_0'),
  );
}

async function measure(packs: number, rulesPerPack: number): Promise<string> {
  const root = await generate(packs, rulesPerPack);
  try {
    // Full recompile of the same tree, as a reload without the watcher would do it (warm cache, best of 3).
    const cache = CompileCache.memory();
    await compilePacks({ roots: [root], cache });
    let full = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const out = await compilePacks({ roots: [root], cache });
      buildRuleSet(out, 1);
      full = Math.min(full, performance.now() - t);
    }
    const work: number[] = [];
    const hot = await startHotReload({
      roots: [root],
      debounceMs: 10,
      onReload: (outcome) => work.push(outcome.durationMs),
    });
    await hot.ready;
    work.length = 0;
    const latencies: number[] = [];
    const file = join(root, 'pack_0', 'rules', 'rule_0.yaml');
    for (let i = 1; i <= EDITS; i++) {
      const event = `edit_${i}`;
      const t = performance.now();
      await writeFile(file, ruleText(0, 0, event));
      const deadline = t + 30_000;
      while (!observes(hot, event)) {
        if (performance.now() > deadline) throw new Error(`edit ${i} never became live`);
        await new Promise((r) => setTimeout(r, 1));
      }
      latencies.push(performance.now() - t);
    }
    await hot.close();
    latencies.sort((a, b) => a - b);
    work.sort((a, b) => a - b);
    const n = packs * rulesPerPack;
    return `| ${n} rules | ${percentile(latencies, 0.5).toFixed(1)} ms | ${percentile(latencies, 0.95).toFixed(1)} ms | ${percentile(work, 0.5).toFixed(1)} / ${percentile(work, 0.95).toFixed(1)} ms (${work.length}) | ${full.toFixed(1)} ms |`;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<string> {
  const rows = [await measure(10, 100), await measure(100, 100)];
  return [
    '## reload (bench/reload.ts)',
    `save-to-live latency over ${EDITS} rewrites of one rule (debounce 10 ms), against a full recompile + rule set build of the same tree (warm cache)`,
    '',
    '| tree | p50 save-to-live | p95 save-to-live | reload work p50 / p95 (reloads) | full recompile |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
