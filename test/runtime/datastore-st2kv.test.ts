// `{{ st2kv.system.k }}` in criteria patterns and action parameters reads the store's datastore, wired the way
// `rules serve` wires it (datastoreProvider(store.kv) into the engine), through the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { openStore } from '../../src/store/index.ts';
import { createServer, datastoreProvider } from '../../src/runtime/index.ts';
import { createEngine } from '../../src/enforce/index.ts';
import { loadBuiltins } from '../../src/pack/index.ts';

test('criteria and parameters see keys set in the store, as they are when the delivery is processed', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rules-st2kv-'));
  const store = openStore(join(root, 'rules.db'), { writer: 'inline' });
  try {
    await mkdir(join(root, 'kv', 'rules'), { recursive: true });
    await writeFile(
      join(root, 'kv', 'pack.yaml'),
      'ref: kv\nname: kv\ndescription: st2kv\nversion: 0.1.0\nauthor: tests\n',
    );
    await writeFile(
      join(root, 'kv', 'rules', 'greet.yaml'),
      JSON.stringify({
        name: 'greet',
        pack: 'kv',
        enabled: true,
        trigger: { type: 'core.st2.webhook', parameters: { url: 'kv' } },
        criteria: { 'trigger.body.env': { type: 'equals', pattern: '{{ st2kv.system.wanted_env }}' } },
        action: { ref: 'core.local', parameters: { cmd: 'echo {{ st2kv.system.greeting }} {{ trigger.body.env }}' } },
      }),
    );
    const output = await compilePacks({ roots: [root] });
    assert.deepEqual(
      output.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
    );
    const ruleSet = buildRuleSet(output, 1);
    const engine = createEngine({
      ruleSet: () => ruleSet,
      store: { executions: store.executions, enforcements: store.enforcements, durable: () => store.durable() },
      datastore: datastoreProvider(store.kv),
      runnerSchemas: loadBuiltins().runners,
    });
    const app = await createServer({
      ruleSet: () => ruleSet,
      store,
      processor: engine,
      auth: { enabled: false },
      logger: false,
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const post = async (env: string): Promise<void> => {
        const r = await fetch(`${base}/v1/webhooks/kv`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ env }),
        });
        assert.equal(r.status, 202);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await engine.idle();
      };
      await store.kv.set({ name: 'wanted_env', value: 'prod' });
      await store.kv.set({ name: 'greeting', value: 'hello' });
      await post('staging');
      assert.equal((await store.executions.list({})).length, 0, 'criteria read the key: staging does not match');
      await post('prod');
      const executions = await store.executions.list({});
      assert.equal(executions.length, 1);
      assert.equal(executions[0]?.parameters['cmd'], 'echo hello prod');
      // A changed key applies to the next delivery, no restart.
      await store.kv.set({ name: 'wanted_env', value: 'staging' });
      await post('staging');
      assert.equal((await store.executions.list({})).length, 2);
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    await rm(root, { recursive: true, force: true });
  }
});
