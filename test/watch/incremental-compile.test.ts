// compilePacks with `reuse` (watch mode: only the packs holding changed paths are read again) must give the
// same result as a full compile of the tree, for an edit, a new file, a deleted file, a new and a removed pack,
// and for what crosses packs while only one is compiled again: shadowed packs, unknown actions, url spellings,
// webhook options and their urls. The reloader's rule set (last-known-good merge, builder reusing Triggers)
// must equal a fresh buildRuleSet of the full compile whenever nothing is broken.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import type { CompileOutput } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import type { RuleSet, TriggerEntry } from '../../src/model/index.ts';
import { createReloader } from '../../src/watch/index.ts';
import type { Reloader } from '../../src/watch/index.ts';
import { packYaml, ruleYaml, tempRoot, write, writePack } from './helpers.ts';

/** Everything a compile produces except timings and the load result itself. */
function shape(out: CompileOutput): unknown {
  return {
    packs: out.packs.map((p) => [p.ref, p.dir]),
    rules: out.rules.map((r) => [
      r.ref,
      r.file,
      r.hash,
      r.enabled,
      r.trigger,
      r.criteria.map((c) => [c.key, c.pointer]),
      r.action.ref,
    ]),
    actions: out.actions.map((a) => [a.ref, a.hash]),
    triggerTypes: out.triggerTypes.map((t) => t.ref),
    diagnostics: out.diagnostics,
    files: out.files,
    webhookOptions: [...(out.webhookOptions ?? new Map<string, unknown>()).keys()],
  };
}

/** What a rule set serves: urls and Triggers in order with their rules and matchers' rules, and every map's keys. */
function served(rs: RuleSet): unknown {
  const entry = (e: TriggerEntry): unknown => [
    e.ref,
    e.type,
    e.parameters,
    e.rules.map((r) => [r.ref, r.file, r.hash, r.enabled]),
    e.matcher.rules.map((r) => r.ref),
  ];
  return {
    webhooks: [...rs.webhooks].map(([url, list]) => [url, list.map(entry)]),
    triggers: [...rs.triggers].map(([ref, e]) => [ref, entry(e)]),
    rules: [...rs.rules].map(([ref, r]) => [ref, r.hash, r.enabled]),
    packs: [...rs.packs.keys()],
    actions: [...rs.actions].map(([ref, a]) => [ref, a.hash]),
    triggerTypes: [...rs.triggerTypes.keys()],
    webhookOptions: [...(rs.webhookOptions ?? new Map<string, unknown>()).keys()],
  };
}

const actionYaml = (pack: string, name: string, required = false): string =>
  `name: ${name}\npack: ${pack}\ndescription: test action\nrunner_type: local-shell-cmd\nenabled: true\nparameters:\n  message:\n    type: string\n    required: ${String(required)}\n  cmd:\n    type: string\n    immutable: true\n    default: "echo hi"\n`;

const codes = (out: CompileOutput): string[] =>
  out.diagnostics.map((d) => `${d.code} ${d.file.split('/').slice(-3).join('/')}`);

/**
 * Compiles the tree incrementally (only `changedPaths` read again) and fully, asserts both are the same, and
 * that a reloader fed the same paths serves what a fresh build of the full compile serves when nothing is broken.
 */
async function stepper(root: string): Promise<(what: string, changedPaths: string[]) => Promise<CompileOutput>> {
  let previous = await compilePacks({ roots: [root] });
  const reloader: Reloader = await createReloader({ roots: [root] });
  return async (what, changedPaths) => {
    const incremental = await compilePacks({ roots: [root], reuse: { previous: previous.loaded!, changedPaths } });
    const full = await compilePacks({ roots: [root] });
    assert.deepEqual(shape(incremental), shape(full), what);
    const outcome = await reloader.reload(changedPaths);
    assert.deepEqual(outcome.diagnostics, full.diagnostics, `${what}: reloader diagnostics`);
    if (!full.diagnostics.some((d) => d.severity === 'error')) {
      assert.equal(outcome.result, 'ok', what);
      const fresh: RuleSet = {
        ...buildRuleSet(full, 1),
        ...(full.webhookOptions ? { webhookOptions: full.webhookOptions } : {}),
      };
      assert.deepEqual(served(reloader.holder.current()), served(fresh), `${what}: served rule set`);
    }
    previous = incremental;
    return incremental;
  };
}

describe('incremental compile (compilePacks reuse)', () => {
  it('matches a full compile after an edit, a new file, a deleted file, a new pack and a removed pack', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'p', {
        'a.yaml': ruleYaml('p', 'a', 'one', 'x'),
        'b.yaml': ruleYaml('p', 'b', 'two', 'y'),
      });
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
      await write(
        added,
        ruleYaml('q', 'd', 'four', 'w').replace('action:\n  ref: core.noop', 'action:\n  ref: q.missing'),
      );
      const beforeAdd = packOf(previous, 'p');
      const afterAdd = await step('new file', [added]);
      assert.equal(packOf(afterAdd, 'p'), beforeAdd);
      assert.ok(afterAdd.rules.some((r) => r.ref === 'q.d'));
      assert.ok(afterAdd.diagnostics.length > 0, 'the unknown action is reported across packs');

      const deleted = join(root, 'p', 'rules', 'b.yaml');
      await rm(deleted);
      const afterDelete = await step('deleted file', [deleted]);
      assert.ok(!afterDelete.rules.some((r) => r.ref === 'p.b'));

      await writePack(root, 'r', {
        'e.yaml': ruleYaml('r', 'e', 'one', 'v'),
        'dup.yaml': ruleYaml('r', 'e', 'five', 'u'),
      });
      const afterPack = await step('new pack', [
        join(root, 'r', 'pack.yaml'),
        join(root, 'r', 'rules', 'e.yaml'),
        join(root, 'r', 'rules', 'dup.yaml'),
      ]);
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

  it('reports an unknown action in an unchanged pack after the pack defining it is deleted, and clears it when it returns', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'lib', {});
      await write(join(root, 'lib', 'actions', 'act.yaml'), actionYaml('lib', 'act'));
      await writePack(root, 'user', {
        'u.yaml': ruleYaml('user', 'u', 'hook', 'x').replace('ref: core.noop', 'ref: lib.act'),
      });
      const step = await stepper(root);

      await rm(join(root, 'lib'), { recursive: true });
      const gone = await step('pack deleted', [join(root, 'lib')]);
      // Its pack is gone from the roots: StackStorm would run it where the pack is installed (issue 14).
      assert.ok(codes(gone).includes('RULES_W_ACTION_PACK_NOT_LOADED user/rules/u.yaml'), codes(gone).join('\n'));

      await writePack(root, 'lib', {});
      await write(join(root, 'lib', 'actions', 'act.yaml'), actionYaml('lib', 'act'));
      const back = await step('pack restored', [
        join(root, 'lib', 'pack.yaml'),
        join(root, 'lib', 'actions', 'act.yaml'),
      ]);
      assert.deepEqual(codes(back), []);

      // The action changes under the unchanged rule: its parameter check runs again.
      await write(join(root, 'lib', 'actions', 'act.yaml'), actionYaml('lib', 'act', true));
      const required = await step('action now requires a parameter', [join(root, 'lib', 'actions', 'act.yaml')]);
      assert.ok(
        codes(required).includes('RULES_E_ACTION_PARAMETER_REQUIRED user/rules/u.yaml'),
        codes(required).join('\n'),
      );
    } finally {
      await cleanup();
    }
  });

  it('follows duplicates across packs: a shadowed pack, a duplicate rule, two spellings of one url', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'a', { 'r.yaml': ruleYaml('a', 'r', 'hook', 'x') });
      await writePack(root, 'b', { 's.yaml': ruleYaml('b', 's', 'hook', 'y') });
      const step = await stepper(root);

      // A second directory declaring pack `a`: shadowed (the first base path wins) while `a` exists.
      await write(join(root, 'z', 'pack.yaml'), packYaml('a'));
      await write(join(root, 'z', 'rules', 'r.yaml'), ruleYaml('a', 'r', 'other', 'z').replace('pack: a', 'pack: z'));
      const shadowed = await step('shadowing pack', [join(root, 'z', 'pack.yaml'), join(root, 'z', 'rules', 'r.yaml')]);
      assert.ok(
        codes(shadowed).some((c) => c.startsWith('RULES_W_PACK_SHADOWED') && c.endsWith('/z/pack.yaml')),
        codes(shadowed).join('\n'),
      );
      await rm(join(root, 'a'), { recursive: true });
      const unshadowed = await step('shadowing pack takes over', [join(root, 'a')]);
      assert.ok(unshadowed.packs.some((p) => p.ref === 'a' && p.dir === join(root, 'z')));
      await rm(join(root, 'z'), { recursive: true });
      await step('shadowing pack removed', [join(root, 'z')]);

      // The same rule twice in one pack, then once again.
      await write(join(root, 'b', 'rules', 'copy.yaml'), ruleYaml('b', 's', 'hook', 'w'));
      const duplicate = await step('duplicate rule', [join(root, 'b', 'rules', 'copy.yaml')]);
      assert.equal(codes(duplicate).filter((c) => c.startsWith('RULES_E_RULE_DUPLICATE')).length, 2);
      await rm(join(root, 'b', 'rules', 'copy.yaml'));
      await step('duplicate removed', [join(root, 'b', 'rules', 'copy.yaml')]);

      // `/hook/` in a new pack after `hook` in b: the later spelling is reported; then b changes spelling
      // while the new pack is unchanged (its per-pack result is reused): the report moves with the first spelling.
      await writePack(root, 'c', { 't.yaml': ruleYaml('c', 't', '/hook/', 'v') });
      const spelled = await step('second spelling', [join(root, 'c', 'pack.yaml'), join(root, 'c', 'rules', 't.yaml')]);
      assert.deepEqual(codes(spelled), ['RULES_W_WEBHOOK_URL_SPELLINGS c/rules/t.yaml']);
      await write(join(root, 'b', 'rules', 's.yaml'), ruleYaml('b', 's', '/hook/', 'y'));
      const respelled = await step('first spelling changes', [join(root, 'b', 'rules', 's.yaml')]);
      assert.deepEqual(codes(respelled), []);
      await rm(join(root, 'b', 'rules', 's.yaml'));
      await rm(join(root, 'c'), { recursive: true });
      await step('spellings gone', [join(root, 'b', 'rules', 's.yaml'), join(root, 'c')]);
    } finally {
      await cleanup();
    }
  });

  it('keeps webhook options and their urls in step: a url appearing and disappearing with the rules of another pack', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'w', {});
      await write(join(root, 'w', 'webhooks', 'push.yaml'), 'url: github/push\n');
      await writePack(root, 'r', { 'other.yaml': ruleYaml('r', 'other', 'elsewhere', 'x') });
      const step = await stepper(root);
      const first = await compilePacks({ roots: [root] });
      assert.deepEqual(codes(first), ['RULES_W_WEBHOOK_UNKNOWN_URL w/webhooks/push.yaml']);

      const rule = join(root, 'r', 'rules', 'push.yaml');
      await write(rule, ruleYaml('r', 'push', 'github/push', 'y'));
      const declared = await step('url declared by a rule of another pack', [rule]);
      assert.deepEqual(codes(declared), []);
      assert.ok(declared.webhookOptions?.has('github/push'));

      await write(rule, ruleYaml('r', 'push', 'github/push', 'y').replace('enabled: true', 'enabled: false'));
      assert.deepEqual(codes(await step('a disabled rule keeps the url', [rule])), []);

      await rm(rule);
      const undeclared = await step('rule removed', [rule]);
      assert.deepEqual(codes(undeclared), ['RULES_W_WEBHOOK_UNKNOWN_URL w/webhooks/push.yaml']);

      await write(join(root, 'w', 'webhooks', 'push.yaml'), 'url: elsewhere\n');
      const moved = await step('options file moved to a declared url', [join(root, 'w', 'webhooks', 'push.yaml')]);
      assert.deepEqual(codes(moved), []);
      assert.deepEqual([...(moved.webhookOptions?.keys() ?? [])], ['elsewhere']);

      await rm(join(root, 'w', 'webhooks', 'push.yaml'));
      const none = await step('options file removed', [join(root, 'w', 'webhooks', 'push.yaml')]);
      assert.deepEqual([...(none.webhookOptions?.keys() ?? [])], []);
    } finally {
      await cleanup();
    }
  });
});
