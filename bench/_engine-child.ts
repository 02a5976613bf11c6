// One configuration of bench/engine.ts, in its own process pinned by the parent: 50 concurrent "requests" each
// commit a trigger instance (as the webhook handler does) and, with `engine`, hand it to the enforcement engine
// (1,000 rules, one match, core.noop). Prints {perSecond, userUs, systemUs} per webhook as JSON on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePacks } from './serve.ts';
import { compileRuleSet, runnerSchemas } from '../src/app/index.ts';
import { openStore, isoMicros, newObjectId } from '../src/store/index.ts';
import { createEngine } from '../src/enforce/index.ts';

const withEngine = process.argv[2] === 'engine';
const dir = mkdtempSync(join(tmpdir(), 'rules-bench-engine-'));
try {
  await writePacks(join(dir, 'packs'));
  const { ruleSet } = await compileRuleSet([join(dir, 'packs')], 1);
  const store = openStore(join(dir, 'rules.db'));
  const engine = createEngine({
    ruleSet: () => ruleSet,
    store: {
      executions: store.executions,
      enforcements: store.enforcements,
      setTriggerInstanceStatus: (id, s) => store.triggerInstances.setStatus(id, s),
      durable: () => store.durable(),
    },
    runnerSchemas: runnerSchemas(),
  });
  const entry = ruleSet.webhooks.get('hook-42')?.[0];
  if (!entry) throw new Error('bench packs have no hook-42');
  const payload = {
    headers: { 'Content-Type': 'application/json', Host: '127.0.0.1' },
    headers_lower: { 'content-type': 'application/json', host: '127.0.0.1' },
    body: { n: 42, event: 'bench', data: { k: [1, 2, 3] } },
  };
  const round = async (n: number) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let left = n;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (left-- > 0) {
          const now = Date.now();
          const id = newObjectId(now);
          const occurrenceTime = isoMicros(now);
          await store.commit([
            { id, trigger: entry.ref, payload, occurrence_time: occurrenceTime, status: 'pending', trace_tag: 't' },
          ]);
          if (withEngine) engine.submit({ id, trigger: entry, payload, traceTag: 't', occurrenceTime });
        }
      }),
    );
    await engine.idle();
    await store.durable();
    const used = process.cpuUsage(cpu);
    return { perSecond: (n / (performance.now() - started)) * 1000, userUs: used.user / n, systemUs: used.system / n };
  };
  await round(5000); // warm-up: JIT, page cache
  const results = [await round(20_000), await round(20_000)];
  await store.close();
  const best = results.reduce((a, b) => (a.userUs + a.systemUs <= b.userUs + b.systemUs ? a : b));
  process.stdout.write(JSON.stringify(best));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
