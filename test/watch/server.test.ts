import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/runtime/index.ts';
import type { TriggerInstanceSubmission, TriggerEntry } from '../../src/model/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { startHotReload } from '../../src/watch/index.ts';
import type { HotReload } from '../../src/watch/index.ts';
import { ruleYaml, tempRoot, waitFor, writePack } from './helpers.ts';

describe('hot reload under a steady stream of webhook requests', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let hot: HotReload;
  let app: FastifyInstance;
  let store: Store;
  let base: string;
  const submitted: TriggerInstanceSubmission[] = [];

  before(async () => {
    ({ root, cleanup } = await tempRoot());
    await writePack(root, 'demo', {
      'a.yaml': ruleYaml('demo', 'a', 'hook', 'v0'),
      'b.yaml': ruleYaml('demo', 'b', 'hook', 'fixed'),
    });
    hot = await startHotReload({ roots: [root], debounceMs: 10 });
    await hot.ready;
    store = openStore(':memory:');
    app = await createServer({
      ruleSet: () => hot.holder.current(),
      store,
      processor: { submit: (i) => submitted.push(i) },
      auth: { enabled: false },
      logger: false,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await hot.close();
    await app.close();
    await store.close();
    await cleanup();
  });

  it('100 reloads: no 5xx, no dropped request, every request sees one whole rule set', async () => {
    const file = join(root, 'demo', 'rules', 'a.yaml');
    const pattern = (): unknown => hot.holder.current().rules.get('demo.a')?.criteria[0]?.pattern;
    let latest = 0;
    let stop = false;
    const statuses: number[] = [];
    const client = async (): Promise<void> => {
      while (!stop) {
        const res = await fetch(`${base}/api/v1/webhooks/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ v: `v${latest}` }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    };
    const clients = [client(), client(), client()];
    const startGeneration = hot.holder.current().generation;
    try {
      for (let i = 1; i <= 100; i++) {
        await writeFile(file, ruleYaml('demo', 'a', 'hook', `v${i}`));
        await waitFor(() => pattern() === `v${i}`, `reload ${i}`);
        latest = i;
      }
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    await waitFor(() => submitted.length === statuses.length, 'every accepted request handed to the processor', 2000);

    // Every edit was one reload at least; the watcher's reconcile (2 s after a pack's last event) may add one.
    assert.ok(
      hot.holder.current().generation >= startGeneration + 100,
      `generation ${hot.holder.current().generation}`,
    );
    assert.ok(
      hot.holder.current().generation <= startGeneration + 102,
      `generation ${hot.holder.current().generation}`,
    );
    assert.ok(statuses.length >= 100, `only ${statuses.length} requests`);
    assert.deepEqual([...new Set(statuses)], [202]);
    for (const s of submitted) {
      const entry = s.trigger as TriggerEntry;
      assert.ok('rules' in entry && 'matcher' in entry, 'the url always has its Trigger');
      const patterns = new Map(entry.rules.map((r) => [r.ref, r.criteria[0]?.pattern]));
      assert.deepEqual([...patterns.keys()].sort(), ['demo.a', 'demo.b']);
      assert.equal(patterns.get('demo.b'), 'fixed');
      // The matcher and the rules listed beside it come from the same compile: never a mix.
      const body = (s.payload as { body: { v: string } }).body;
      const matched = entry.matcher.match(s.payload, { triggerInstanceId: s.id }).matched.map((r) => r.ref);
      assert.deepEqual(
        matched,
        patterns.get('demo.a') === body.v ? ['demo.a'] : [],
        `payload ${body.v} against rule set with ${String(patterns.get('demo.a'))}`,
      );
    }
  });

  it('GET /v1/status reports generation, last reload and per-file state with diagnostics', async () => {
    const file = join(root, 'demo', 'rules', 'a.yaml');
    await writeFile(file, 'name: a\npack: demo\ntrigger: {type: core.st2.webhook\n');
    type Status = {
      generation: number;
      watch: boolean;
      last_reload: string;
      result: string;
      files: Record<string, { state: string; diagnostics: { code: string; line: number; column: number }[] }>;
    };
    let status: Status | undefined;
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      status = (await (await fetch(`${base}/v1/status`)).json()) as Status;
      if (status.files[file]?.state === 'stale') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(status);
    assert.equal(status.files[file]?.state, 'stale');
    assert.equal(status.watch, true);
    assert.equal(status.result, 'partial');
    assert.equal(status.generation, hot.holder.current().generation);
    assert.ok(!Number.isNaN(Date.parse(status.last_reload)));
    assert.ok((status.files[file]?.diagnostics.length ?? 0) > 0);
    assert.equal(status.files[join(root, 'demo', 'rules', 'b.yaml')]?.state, 'ok');
    // The last good version of a.yaml still serves.
    assert.equal(hot.holder.current().rules.get('demo.a')?.criteria[0]?.pattern, 'v100');
  });
});
