// Issue 16, item 11: a rule file written while hot reload starts (after the first compile read the folder,
// before the watcher was ready) was never loaded until another file of the pack changed. Files are written
// without pause for the whole start; every one must end up served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startHotReload } from '../../src/watch/index.ts';
import type { HotReload } from '../../src/watch/index.ts';
import { ruleYaml, sleep, tempRoot, waitFor, write, writePack } from './helpers.ts';

test('nothing written while the watcher starts is missed', async () => {
  const { root, cleanup } = await tempRoot();
  let hot: HotReload | undefined;
  try {
    // Enough files that the first compile takes a while, so writes land before, during and after it.
    const first: Record<string, string> = {};
    for (let i = 0; i < 200; i++) first[`base${i}.yaml`] = ruleYaml('p', `base${i}`, `base${i}`, 'x');
    await writePack(root, 'p', first);
    const starting = startHotReload({ roots: [root] });
    let started = false;
    void starting.then(() => (started = true)).catch(() => undefined);
    let written = 0;
    // Bounded by work: at most 400 files, and none once started (a later write is an event of its own, whose
    // reload would read the whole pack and hide the files the start missed).
    while (written < 400 && !started) {
      await write(join(root, 'p/rules', `late${written}.yaml`), ruleYaml('p', `late${written}`, `late${written}`, 'x'));
      written++;
      await sleep(1);
    }
    hot = await starting;
    const current = hot;
    const missing = (): string[] =>
      Array.from({ length: written }, (_v, i) => `p.late${i}`).filter((r) => !current.holder.current().rules.has(r));
    await waitFor(() => missing().length === 0, 'every file written during the start to be served', 60_000).catch(() =>
      assert.fail(`never loaded: ${missing().join(', ')}`),
    );
  } finally {
    await hot?.close();
    await cleanup();
  }
});
