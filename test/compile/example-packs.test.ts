// The example packs' rule-test fixtures (packs/<pack>/tests/*.yaml): valid against
// rules/schema/rule-test.schema.json, naming an existing rule, and right about whether it matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePacks } from '../../src/compile/index.ts';
import { parseYaml } from '../../src/pack/index.ts';
import { validateDocument } from '../../src/schema/index.ts';
import { compileRuleCriteria, interpretRule } from '../../src/criteria/index.ts';

const packs = fileURLToPath(new URL('../../packs/', import.meta.url));

test('every example rule has a fixture and every fixture holds', async () => {
  const out = await compilePacks({ roots: [packs] });
  const tested = new Set<string>();
  for (const pack of out.packs) {
    const dir = join(pack.dir, 'tests');
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort()) {
      const file = join(dir, name);
      const doc = parseYaml(readFileSync(file, 'utf8'), file);
      assert.deepEqual([...doc.diagnostics, ...validateDocument('rule-test', doc.value, doc.source)], [], file);
      const fixture = doc.value as {
        rule: string;
        trigger_instance: { trigger: string; payload: unknown };
        expect: { match: boolean };
      };
      const rule = out.rules.find((r) => r.ref === fixture.rule);
      assert.ok(rule, `${file}: no rule ${fixture.rule}`);
      tested.add(rule.ref);
      const compiled = compileRuleCriteria(rule);
      assert.ok(compiled.value, file);
      const sameTrigger = rule.trigger.type === fixture.trigger_instance.trigger;
      const result =
        sameTrigger &&
        interpretRule(compiled.value, fixture.trigger_instance.payload, { triggerInstanceId: 'test' }).matched;
      assert.equal(result, fixture.expect.match, file);
    }
  }
  assert.deepEqual([...tested].sort(), out.rules.map((r) => r.ref).sort());
});
