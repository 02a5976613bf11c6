import { asyncRepository } from '../../src/store/async.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { actionsApiRoutes } from '../../src/runtime/routes/actions-api.ts';
import type { TriggerInstanceView } from '../../src/runtime/routes/actions-api.ts';
import { createEngine } from '../../src/enforce/index.ts';
import { executionCommand } from '../../src/cli/commands/execution.ts';
import { ruleEnforcementCommand } from '../../src/cli/commands/rule-enforcement.ts';
import { triggerInstanceCommand } from '../../src/cli/commands/trigger-instance.ts';
import { memoryStore } from '../actions/db.ts';
import { action, rule } from './helpers.ts';
import { ruleSet } from './ruleset.ts';
import { loadBuiltins } from '../../src/pack/index.ts';

async function cli(args: string[], env: Record<string, string>): Promise<{ out: string; err: string; code: number }> {
  const program = new Command('rules').exitOverride();
  for (const c of [executionCommand, ruleEnforcementCommand, triggerInstanceCommand]) c.register(program);
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const saved = { ...process.env };
  let out = '';
  let err = '';
  process.stdout.write = (chunk: string) => ((out += chunk), true);
  process.stderr.write = (chunk: string) => ((err += chunk), true);
  Object.assign(process.env, env);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'rules', ...args]);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

test('executions, enforcements, trigger instances, rules and actions through the API and the CLI', async () => {
  const store = memoryStore();
  const local = action('core.local', 'local-shell-cmd', { cmd: { type: 'string', required: true } });
  const { set, entry } = ruleSet(
    [
      rule('sample', 'core.local', { cmd: 'echo {{ trigger.body.key1 | shell_quote }}' }),
      rule('broken', 'nope.nope', {}),
    ],
    [local],
  );
  const engine = createEngine({ ruleSet: () => set, store, runnerSchemas: loadBuiltins().runners });
  const instances: TriggerInstanceView[] = [
    {
      id: 'ti1',
      trigger: entry.ref,
      payload: { body: { key1: 'value1' } },
      occurrence_time: '2026-01-01T00:00:00.000000Z',
      status: 'processed',
    },
  ];
  const app = Fastify();
  await app.register(actionsApiRoutes, {
    ruleSet: () => set,
    executions: asyncRepository(store.executions),
    enforcements: asyncRepository(store.enforcements),
    triggerInstances: {
      get: (id) => Promise.resolve(instances.find((i) => i.id === id)),
      list: () => Promise.resolve(instances),
    },
    authenticate: async (request, reply) => {
      if (request.headers['st2-api-key'] !== 'k1')
        await reply.code(401).send({ faultstring: 'Unauthorized - One of Token or API key required.' });
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const get = (path: string, key = 'k1') => fetch(`${base}${path}`, { headers: { 'St2-Api-Key': key } });
  try {
    engine.submit({
      id: 'ti1',
      trigger: entry,
      payload: { body: { key1: 'value1' } },
      traceTag: 't',
      occurrenceTime: '',
    });
    await engine.idle();

    assert.equal((await get('/v1/executions', 'wrong')).status, 401);
    const list = (await (await get('/v1/executions')).json()) as Array<{
      id: string;
      status: string;
      result: { stdout: string };
    }>;
    assert.equal(list.length, 1);
    assert.equal(list[0]?.status, 'succeeded');
    assert.equal(list[0]?.result.stdout, 'value1');
    const id = list[0]?.id ?? '';
    assert.equal(((await (await get(`/v1/executions/${id}`)).json()) as { id: string }).id, id);
    assert.deepEqual(await (await get('/v1/executions?status=failed')).json(), []);
    assert.equal(
      ((await (await get('/v1/executions?rule=test.sample&trigger_instance=ti1')).json()) as unknown[]).length,
      1,
    );
    const missing = await get('/v1/executions/nope');
    assert.equal(missing.status, 404);
    assert.ok(((await missing.json()) as { faultstring: string }).faultstring);
    assert.equal((await get('/v1/executions?limit=-1')).status, 400);

    const enforcements = (await (await get('/v1/ruleenforcements?rule_ref=test.broken')).json()) as Array<{
      status: string;
      failure_reason: string;
    }>;
    assert.deepEqual(
      enforcements.map((e) => [e.status, e.failure_reason]),
      [['failed', 'Action "nope.nope" doesn\'t exist']],
    );
    assert.equal(((await (await get('/v1/triggerinstances/ti1')).json()) as { status: string }).status, 'processed');
    assert.equal((await get('/v1/triggerinstances/zz')).status, 404);
    const rules = (await (await get('/v1/rules')).json()) as Array<{ ref: string; action: { ref: string } }>;
    assert.deepEqual(rules.map((r) => r.ref).sort(), ['test.broken', 'test.sample']);
    assert.equal(
      ((await (await get('/v1/rules/test.sample')).json()) as { trigger: { type: string } }).trigger.type,
      'core.st2.webhook',
    );
    assert.deepEqual(
      ((await (await get('/v1/actions')).json()) as Array<{ ref: string; runner_type: string }>).map((a) => [
        a.ref,
        a.runner_type,
      ]),
      [['core.local', 'local-shell-cmd']],
    );

    const env = { RULES_API_KEY: 'k1' };
    const tableOut = await cli(['execution', 'list', '--url', base], env);
    assert.equal(tableOut.code, 0);
    assert.match(tableOut.out, new RegExp(`\\| ${id} \\| core\\.local +\\| test\\.sample \\| succeeded`));
    const jsonOut = await cli(['execution', 'list', '--url', base, '--json'], env);
    assert.equal((JSON.parse(jsonOut.out) as unknown[]).length, 1);
    const one = await cli(['execution', 'get', id, '--url', base], env);
    assert.match(one.out, /^result\.stdout: value1$/m);
    assert.match(one.out, /^status: succeeded$/m);
    const enf = await cli(['rule-enforcement', 'list', '--url', base, '--status', 'failed'], env);
    assert.match(enf.out, /test\.broken .*Action "nope\.nope" doesn't exist/);
    const ti = await cli(['trigger-instance', 'get', 'ti1', '--url', base], env);
    assert.match(ti.out, /^status: processed$/m);
    const denied = await cli(['execution', 'list', '--url', base], { RULES_API_KEY: 'bad' });
    assert.equal(denied.code, 1);
    assert.match(denied.err, /401: Unauthorized/);
  } finally {
    await engine.close();
    await app.close();
  }
});
