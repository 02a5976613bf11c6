// compilePacks with `reuse` (watch mode: only the packs holding changed paths are read again) must give the
// same result as a full compile of the tree, for an edit, a new file, a deleted file, a new and a removed pack.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import type { CompileOutput } from '../../src/compile/index.ts';
import { ruleYaml, tempRoot, write, writePack } from './helpers.ts';

/** Everything a compile produces except timings and the load result itself. */
function shape(out: CompileOutput): unknown {
  return {
    packs: out.packs.map((p) => [p.ref, p.dir]),
    rules: out.rules.map((r) => [r.ref, r.file, r.hash, r.enabled, r.trigger, r.criteria.map((c) => [c.key, c.pointer]), r.action.ref]),
    actions: out.actions.map((a) => [a.ref, a.hash]),
    triggerTypes: out.triggerTypes.map((t) => t.ref),
    diagnostics: out.diagnostics,
    files: out.files,
    webhookOptions: [...(out.webhookOptions ?? new Map<string, unknown>()).keys()],
  };
}

describe('incremental compile (compilePacks reuse)', () => {
  it('matches a full compile after an edit, a new file, a deleted file, a new pack and a removed pack', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'p', { 'a.yaml': ruleYaml('p', 'a', 'one', 'x'), 'b.yaml': ruleYaml('p', 'b', 'two', 'y') });
      await writePack(root, 'q', { 'c.yaml': ruleYaml('q', 'c', 'three', 'z') });
      let previous = await compilePacks({ roots: [root] });
      const step = async (what: string, changedPaths: string[]): Promise<CompileOutput> => {
        const incremental = await compilePacks({ roots: [root], reuse: { previous: previous.loaded!, changedPaths } });
        const full = await compilePacks({ roots: [root] });
        assert.deepEqual(shape(incremental), shape(full), what);
        previous = incremental;
        return incremental;
      };

      const edited = join(root, 'p', 'rules', 'a.yaml');
      await write(edited, ruleYaml('p', 'a', 'one', 'edited'));
      const afterEdit = await step('edit', [edited]);
      assert.equal(afterEdit.rules.find((r) => r.ref === 'p.a')?.criteria[0]?.pattern, 'edited');
      // Pack q was not read again: its files are the very objects of the previous load.
      const packOf = (out: CompileOutput, name: string) => out.loaded!.roots[0]!.packs.find((p) => p.dirName === name);

      const added = join(root, 'q', 'rules', 'd.yaml');
      await write(added, ruleYaml('q', 'd', 'four', 'w').replace('action:\n  ref: core.noop', 'action:\n  ref: q.missing'));
      const beforeAdd = packOf(previous, 'p');
      const afterAdd = await step('new file', [added]);
      assert.equal(packOf(afterAdd, 'p'), beforeAdd);
      assert.ok(afterAdd.rules.some((r) => r.ref === 'q.d'));
      assert.ok(afterAdd.diagnostics.length > 0, 'the unknown action is reported across packs');

      const deleted = join(root, 'p', 'rules', 'b.yaml');
      await rm(deleted);
      const afterDelete = await step('deleted file', [deleted]);
      assert.ok(!afterDelete.rules.some((r) => r.ref === 'p.b'));

      await writePack(root, 'r', { 'e.yaml': ruleYaml('r', 'e', 'one', 'v'), 'dup.yaml': ruleYaml('r', 'e', 'five', 'u') });
      const afterPack = await step('new pack', [join(root, 'r', 'pack.yaml'), join(root, 'r', 'rules', 'e.yaml'), join(root, 'r', 'rules', 'dup.yaml')]);
      assert.ok(afterPack.packs.some((p) => p.ref === 'r'));

      await write(join(root, 'configs', 'q.yaml'), 'x: 1\n');
      await step('new config', [join(root, 'configs', 'q.yaml')]);

      await rm(join(root, 'q'), { recursive: true });
      const afterRemove = await step('removed pack', [join(root, 'q', 'pack.yaml')]);
      assert.ok(!afterRemove.packs.some((p) => p.ref === 'q'));

      await step('no change', []);
    } finally {
      await cleanup();
    }
  });
});
