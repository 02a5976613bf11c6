import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import type { RuleSet } from '../../src/model/index.ts';
import { IncrementalRuleSetBuilder } from '../../src/watch/index.ts';
import { ruleYaml, tempRoot, write, writePack } from './helpers.ts';

/** The observable shape of a rule set: urls and Triggers in order, with their rules. */
function shape(rs: RuleSet): unknown {
  const entry = (e: {
    ref: string;
    type: string;
    parameters: unknown;
    rules: readonly { ref: string; enabled: boolean }[];
  }): unknown => [e.ref, e.type, e.parameters, e.rules.map((r) => `${r.ref}:${String(r.enabled)}`)];
  return {
    webhooks: [...rs.webhooks].map(([url, list]) => [url, list.map(entry)]),
    triggers: [...rs.triggers].map(([ref, e]) => [ref, entry(e)]),
    rules: [...rs.rules.keys()],
    packs: [...rs.packs.keys()],
    actions: [...rs.actions.keys()],
    triggerTypes: [...rs.triggerTypes.keys()],
  };
}

describe('incremental rule set build', () => {
  it("gives the same rule set as buildRuleSet on the repository's packs", async () => {
    const out = await compilePacks({ roots: [join(import.meta.dirname, '..', '..', 'packs')] });
    assert.ok(out.rules.length > 0);
    assert.deepEqual(shape(new IncrementalRuleSetBuilder().build(out, 3)), shape(buildRuleSet(out, 3)));
  });

  it('recompiles only the Triggers whose rules changed, and matches like a fresh build', async () => {
    const { root, cleanup } = await tempRoot();
    try {
      await writePack(root, 'p', {
        'a.yaml': ruleYaml('p', 'a', 'one', 'x'),
        'b.yaml': ruleYaml('p', 'b', '/one/', 'y'),
        'c.yaml': ruleYaml('p', 'c', 'two', 'z'),
        'd.yaml': ruleYaml('p', 'd', 'three', 'w').replace('enabled: true', 'enabled: false'),
      });
      const builder = new IncrementalRuleSetBuilder();
      const first = builder.build(await compilePacks({ roots: [root] }), 1);
      const firstCompiled = builder.compiled;
      assert.ok(firstCompiled >= 4);
      await write(join(root, 'p', 'rules', 'c.yaml'), ruleYaml('p', 'c', 'two', 'changed'));
      const out = await compilePacks({ roots: [root] });
      const second = builder.build(out, 2);
      assert.equal(builder.compiled, 1);
      assert.deepEqual(shape(second), shape(buildRuleSet(out, 2)));
      assert.equal(second.webhooks.get('one')?.[1], first.webhooks.get('one')?.[1]);
      assert.equal(second.webhooks.get('one')?.length, 2, '`one` and `/one/` are two Triggers under one url');
      assert.notEqual(second.webhooks.get('two')?.[0], first.webhooks.get('two')?.[0]);
      const match = (rs: RuleSet, v: string): string[] =>
        rs.webhooks
          .get('two')![0]!
          .matcher.match({ body: { v } }, { triggerInstanceId: 't' })
          .matched.map((r) => r.ref);
      assert.deepEqual(match(second, 'changed'), ['p.c']);
      assert.deepEqual(match(second, 'z'), []);
      assert.equal(second.webhooks.has('three'), true, 'a disabled rule keeps its url');
    } finally {
      await cleanup();
    }
  });
});
