import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import type { RuleSet } from '../../src/model/index.ts';
import { runCompileWatch, startServeWatch } from '../../src/watch/index.ts';
import { ruleYaml, tempRoot, waitFor, writePack } from './helpers.ts';

describe('watch entry points', () => {
  it('compile --watch reprints diagnostics in file:line:col form on every change', async () => {
    const { root, cleanup } = await tempRoot();
    const stop = new AbortController();
    try {
      await writePack(root, 'p', { 'a.yaml': ruleYaml('p', 'a', 'one', 'x') });
      let text = '';
      const done = runCompileWatch({ roots: [root], write: (s) => (text += s), signal: stop.signal });
      await waitFor(() => text.includes('watching for changes'), 'first report');
      assert.match(text, /generation 1 loaded .*\(ok\)/);
      const file = join(root, 'p', 'rules', 'a.yaml');
      await writeFile(file, ruleYaml('p', 'a', 'one', 'x').replace('equals', 'equalz'));
      await waitFor(() => text.includes('(partial)'), 'report of the broken file');
      assert.ok(text.includes(`${file}:`), text);
      assert.match(text, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ error RULES_E_`));
      assert.match(text, /broken, last good version serving/);
      stop.abort();
      await done;
    } finally {
      stop.abort();
      await cleanup();
    }
  });

  it('serve --watch swaps the rule set and counts reloads in the metrics registry', async () => {
    const { root, cleanup } = await tempRoot();
    const registry = new Registry();
    let current: RuleSet | undefined;
    const logs: string[] = [];
    const logger = {
      info: (_: object, m: string) => logs.push(`info ${m}`),
      warn: (_: object, m: string) => logs.push(`warn ${m}`),
      error: (_: object, m: string) => logs.push(`error ${m}`),
    };
    await writePack(root, 'p', { 'a.yaml': ruleYaml('p', 'a', 'one', 'x') });
    const hot = await startServeWatch({
      roots: [root],
      logger,
      registry,
      swap: (next) => (current = next),
      write: () => undefined,
    });
    try {
      assert.equal(current?.generation, 1);
      await writeFile(join(root, 'p', 'rules', 'a.yaml'), ruleYaml('p', 'a', 'one', 'y'));
      await waitFor(() => current?.generation === 2, 'swap');
      assert.equal(current?.rules.get('p.a')?.criteria[0]?.pattern, 'y');
      const metrics = await registry.metrics();
      assert.match(metrics, /rules_reloads_total\{result="ok"\} 1/);
      assert.match(metrics, /rules_reload_duration_seconds_count 1/);
      assert.ok(logs.includes('info reload ok'));
    } finally {
      await hot.close();
      await cleanup();
    }
  });
});
