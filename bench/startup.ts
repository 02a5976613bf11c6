// Command start (issue 18 point 4), black box: wall time and peak RSS of `rules --help` and of
// `rules compile --check` over the example packs, each a fresh process started as CI and editors start it
// (`node src/cli/bin.js`, the package's `rules` executable). Baseline in the same run: `node -e 0`, the floor of
// any Node.js command. The compiled tree (dist/) is built first when it is missing or stale (as `npm ci` builds it),
// and the same commands through tsx (the sources, as in development before a build) are measured beside it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { compiledIsFresh } from '../src/cli/compiled.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'src/cli/bin.js');
const ROUNDS = 5;
const GOALS: Record<string, number> = { help: 300, check: 600 };

// Written by the child at exit: its own peak RSS and CPU time (getrusage), so no /usr/bin/time is needed. CPU time
// is the steadier figure on a shared machine: wall time grows with the load, CPU time much less.
const usageHook =
  "data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();" +
  "writeFileSync(process.env.RULES_BENCH_USAGE,u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime))})";

interface Measure {
  ms: number;
  cpuMs: number;
  rssMiB: number;
}

function spawn(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Medians of `rounds` starts: wall time, the child's CPU time and its peak RSS. */
function measure(args: string[], env: NodeJS.ProcessEnv, tmp: string, rounds = ROUNDS): Measure {
  const out = join(tmp, 'usage');
  const runs = Array.from({ length: rounds }, () => {
    const ms = spawn(['--import', usageHook, ...args], { ...env, RULES_BENCH_USAGE: out });
    const [rssKiB = NaN, cpuMicros = NaN] = readFileSync(out, 'utf8').split(' ').map(Number);
    return { ms, cpuMs: cpuMicros / 1000, rssMiB: rssKiB / 1024 };
  });
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMiB: median(runs.map((r) => r.rssMiB)),
  };
}

/** Builds dist/ unless bin.js would already run it. */
function ensureBuilt(): string {
  if (compiledIsFresh()) return 'dist/ fresh';
  const started = performance.now();
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed: ${r.stdout}${r.stderr}`);
  return `dist/ built in ${Math.round(performance.now() - started)} ms`;
}

function report(): string {
  const tmp = mkdtempSync(join(tmpdir(), 'rules-bench-start-'));
  try {
    const built = ensureBuilt();
    const env = { ...process.env, NO_COLOR: '1' };
    const sources = ['--import', 'tsx', join(root, 'src/cli/main.ts')];
    const check = ['compile', '--check', '--no-cache', '--packs', 'packs'];
    const base = measure(['-e', '0'], env, tmp);
    const rows: Array<[string, string, Measure]> = [
      ['node -e 0 (baseline)', '', base],
      ['rules --help, compiled', 'help', measure([bin, '--help'], env, tmp)],
      ['rules compile --check (3 example packs), compiled', 'check', measure([bin, ...check], env, tmp)],
      ['rules --help, sources through tsx', '', measure([...sources, '--help'], env, tmp, 3)],
      ['rules compile --check, sources through tsx', '', measure([...sources, ...check], env, tmp, 3)],
    ];
    const lines = [
      `${built}; medians of ${ROUNDS} starts (3 through tsx); load average ${loadavg()[0]?.toFixed(1)}`,
      '',
      '| command | wall | vs node -e 0 | CPU (user+sys) | CPU vs node -e 0 | peak RSS | goal (wall) |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const [name, goal, m] of rows) {
      const target = GOALS[goal];
      const verdict = target === undefined ? '' : `< ${target} ms ${m.ms < target ? '(met)' : '(missed)'}`;
      lines.push(
        `| ${name} | ${Math.round(m.ms)} ms | ${(m.ms / base.ms).toFixed(2)}x | ${Math.round(m.cpuMs)} ms | ` +
          `${(m.cpuMs / base.cpuMs).toFixed(2)}x | ${m.rssMiB.toFixed(0)} MiB | ${verdict} |`,
      );
    }
    return lines.join('\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function run(): Promise<string> {
  return Promise.resolve(report());
}
