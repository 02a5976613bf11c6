// Where a webhook's CPU goes after the HTTP layer, without HTTP: the durable commit of its trigger instance alone,
// then with the enforcement engine (match among 1,000 rules, enforcement, execution, core.noop run, their writes),
// each in a process pinned to one core (so the store commits inline, as `rules serve` does on one core), then
// the same with the writer thread. Per webhook: CPU microseconds (user + system) and the rate reached.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Result {
  perSecond: number;
  userUs: number;
  systemUs: number;
}

function child(mode: 'commit' | 'engine', writer: 'inline' | 'worker'): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn('taskset', ['-c', '0', process.execPath, '--import', 'tsx', 'bench/_engine-child.ts', mode], {
      cwd: root,
      env: { ...process.env, RULES_STORE_WRITER: writer },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as Result);
      } catch {
        reject(new Error(`engine bench child (${mode}, ${writer}) exited ${code}: ${out.slice(0, 200)}`));
      }
    });
  });
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  let base: Result | undefined;
  for (const writer of ['inline', 'worker'] as const) {
    for (const mode of ['commit', 'engine'] as const) {
      const r = await child(mode, writer);
      base ??= r;
      const total = r.userUs + r.systemUs;
      rows.push(
        `| ${mode === 'commit' ? 'commit only' : 'commit + engine'} | ${writer} | ${r.perSecond.toFixed(0)} | ${r.userUs.toFixed(1)} | ${r.systemUs.toFixed(1)} | ${(total / (base.userUs + base.systemUs)).toFixed(2)} |`,
      );
    }
  }
  return [
    '50 concurrent webhooks at a time, 20,000 per round (best of two after a warm-up), one core (taskset -c 0), WAL + group commit, synced',
    '',
    '| path | store writer | webhooks/s | user us/webhook | system us/webhook | CPU vs commit only (inline) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
