// python-script executions through the enforcement engine (match, enforcement, execution records in SQLite, the
// Python process with our wrapper, the result back on fd 3): start-to-finish latency per execution (trigger instance
// submitted -> execution recorded finished), one at a time and in a burst at the default concurrency (8), and the
// executions per second of the burst. Baseline in the same run: a bare `python -c pass` through the same process
// machinery (runProcess), the floor any one-process-per-execution runner pays, StackStorm's included.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRuleSet, runnerSchemas } from '../src/app/index.ts';
import { openStore } from '../src/store/index.ts';
import type { ExecutionRecord } from '../src/store/index.ts';
import { createEngine } from '../src/enforce/engine.ts';
import { isoMicros, newObjectId } from '../src/store/ids.ts';
import { resolvePython, runProcess, createLimiter } from '../src/actions/index.ts';

const SEQUENTIAL = 40;
const BURST = 200;

function writePack(root: string): void {
  const pack = join(root, 'benchpy');
  mkdirSync(join(pack, 'actions'), { recursive: true });
  mkdirSync(join(pack, 'rules'), { recursive: true });
  writeFileSync(join(pack, 'pack.yaml'), 'ref: benchpy\nname: benchpy\ndescription: bench\nversion: 0.1.0\n');
  writeFileSync(
    join(pack, 'actions', 'echo.yaml'),
    'name: echo\nrunner_type: python-script\nentry_point: echo.py\nenabled: true\n' +
      'parameters:\n  n:\n    type: integer\n    required: true\n',
  );
  writeFileSync(
    join(pack, 'actions', 'echo.py'),
    'from st2common.runners.base_action import Action\n\n\nclass Echo(Action):\n' +
      '    def run(self, n):\n        return {"n": n}\n',
  );
  writeFileSync(
    join(pack, 'rules', 'echo.yaml'),
    JSON.stringify({
      name: 'echo',
      pack: 'benchpy',
      enabled: true,
      trigger: { type: 'core.st2.webhook', parameters: { url: 'py' } },
      action: { ref: 'benchpy.echo', parameters: { n: '{{ trigger.body.n }}' } },
    }),
  );
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function bareSpawns(python: string): Promise<{ p50: number; perSecond: number }> {
  const one = async (): Promise<number> => {
    const started = performance.now();
    const r = await runProcess(python, ['-c', 'pass'], { timeoutMs: 60_000, maxOutputBytes: 1024, env: {} });
    if (r.exitCode !== 0) throw new Error(`${python} -c pass exited ${r.exitCode}`);
    return performance.now() - started;
  };
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) times.push(await one());
  const limiter = createLimiter(8);
  const started = performance.now();
  await Promise.all(Array.from({ length: BURST }, () => limiter.run(one)));
  return { p50: percentile(times, 50), perSecond: (BURST / (performance.now() - started)) * 1000 };
}

export async function run(): Promise<string> {
  const python = await resolvePython(process.env['RULES_PYTHON'] ?? 'python3');
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-python-'));
  try {
    writePack(join(dir, 'packs'));
    const { ruleSet } = await compileRuleSet([join(dir, 'packs')], 1);
    const store = openStore(join(dir, 'rules.db'));
    const submitted = new Map<string, number>();
    const latencies: number[] = [];
    let failures = 0;
    const done = new Set<string>();
    const engine = createEngine({
      ruleSet: () => ruleSet,
      store: {
        executions: {
          insert: (r: ExecutionRecord) => store.executions.insert(r),
          update: (r: ExecutionRecord) => {
            if (!['requested', 'scheduled', 'running'].includes(r.status) && !done.has(r.id)) {
              done.add(r.id);
              if (r.status !== 'succeeded') failures += 1;
              latencies.push(performance.now() - (submitted.get(r.trigger_instance?.id ?? '') ?? NaN));
            }
            return store.executions.update(r);
          },
        },
        enforcements: store.enforcements,
        setTriggerInstanceStatus: (id, s) => store.triggerInstances.setStatus(id, s),
        durable: () => store.durable(),
      },
      runnerSchemas: runnerSchemas(),
      actionServices: { datastore: store.kv, python },
    });
    const entry = ruleSet.webhooks.get('py')?.[0];
    if (!entry) throw new Error('bench pack has no webhook py');
    const submit = async (n: number): Promise<void> => {
      const now = Date.now();
      const id = newObjectId(now);
      const payload = { headers: {}, body: { n } };
      await store.commit([
        { id, trigger: entry.ref, payload, occurrence_time: isoMicros(now), status: 'pending', trace_tag: 't' },
      ]);
      submitted.set(id, performance.now());
      engine.submit({ id, trigger: entry, payload, traceTag: 't', occurrenceTime: isoMicros(now) });
    };
    for (let i = 0; i < 5; i++) await submit(i).then(() => engine.idle()); // warm-up: page cache, JIT
    latencies.length = 0;
    for (let i = 0; i < SEQUENTIAL; i++) {
      await submit(i);
      await engine.idle();
    }
    const sequential = [...latencies];
    latencies.length = 0;
    const started = performance.now();
    for (let i = 0; i < BURST; i++) await submit(i);
    await engine.idle();
    const burstSeconds = (performance.now() - started) / 1000;
    const burst = [...latencies];
    await engine.close();
    await store.close();
    if (failures > 0) throw new Error(`${failures} python-script executions did not succeed`);
    const bare = await bareSpawns(python);
    const ms = (v: number): string => v.toFixed(0);
    const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    const seq50 = percentile(sequential, 50);
    const burstRate = BURST / burstSeconds;
    return [
      `interpreter ${python}; ${SEQUENTIAL} executions one at a time, ` +
        `then ${BURST} back to back at the default concurrency (8)`,
      '',
      row(['what', 'p50 ms', 'p95 ms', 'executions/s', 'vs bare python -c pass']),
      row(['---', '---', '---', '---', '---']),
      row([
        'python-script, one at a time (start to finish)',
        ms(seq50),
        ms(percentile(sequential, 95)),
        (1000 / seq50).toFixed(1),
        `${(seq50 / bare.p50).toFixed(2)}x the latency`,
      ]),
      row([
        `python-script, ${BURST} back to back (start to finish, queue included)`,
        ms(percentile(burst, 50)),
        ms(percentile(burst, 95)),
        burstRate.toFixed(1),
        `${(bare.perSecond / burstRate).toFixed(2)}x fewer per second`,
      ]),
      row(['bare `python -c pass` (same spawn code)', ms(bare.p50), '', bare.perSecond.toFixed(1), '1.00']),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
