// End to end: a pack on disk → compiler → rule set → the real server → the engine → runners → records,
// read back through the API and the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, chmod, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { compilePacks } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { openStore } from '../../src/store/index.ts';
import { createServer } from '../../src/runtime/index.ts';
import { createEngine } from '../../src/enforce/index.ts';
import type { ExecutionRecord, EnforcementRecord } from '../../src/store/index.ts';
import { executionCommand } from '../../src/cli/commands/execution.ts';
import { loadBuiltins } from '../../src/pack/index.ts';

function rule(name: string, action: string, parameters: Record<string, unknown>): string {
  return JSON.stringify({
    name,
    pack: 'e2e',
    enabled: true,
    trigger: { type: 'core.st2.webhook', parameters: { url: 'sample' } },
    criteria: { 'trigger.body.key1': { type: 'equals', pattern: 'value1' } },
    action: { ref: action, parameters },
  });
}

async function cli(args: string[]): Promise<string> {
  const program = new Command('rules').exitOverride();
  executionCommand.register(program);
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = (chunk: string) => ((out += chunk), true);
  try {
    await program.parseAsync(['node', 'rules', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

test('the first curl of the webhook docs fires every rule of a pack; each outcome is recorded', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rules-e2e-'));
  const received: Array<{ url: string; body: string }> = [];
  const target = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ got: body }));
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/notify`;
  const store = openStore(':memory:');
  const out = join(root, 'written.txt');
  try {
    const pack = join(root, 'e2e');
    await mkdir(join(pack, 'rules'), { recursive: true });
    await mkdir(join(pack, 'actions'));
    await writeFile(
      join(pack, 'pack.yaml'),
      'ref: e2e\nname: e2e\ndescription: end to end\nversion: 0.1.0\nauthor: tests\n',
    );
    await writeFile(
      join(pack, 'actions', 'script.yaml'),
      JSON.stringify({
        name: 'script',
        runner_type: 'local-shell-script',
        entry_point: 'script.sh',
        parameters: { who: { type: 'string', position: 0 }, count: { type: 'integer' } },
      }),
    );
    await writeFile(join(pack, 'actions', 'script.sh'), '#!/bin/bash\necho "args:$*"\n');
    await chmod(join(pack, 'actions', 'script.sh'), 0o755);
    await writeFile(
      join(pack, 'actions', 'node.yaml'),
      JSON.stringify({
        name: 'node',
        runner_type: 'nodejs',
        entry_point: 'node.mjs',
        parameters: { key: { type: 'string', required: true } },
      }),
    );
    await writeFile(join(pack, 'actions', 'gone.yaml'), JSON.stringify({ name: 'gone', runner_type: 'noop' }));
    await writeFile(
      join(pack, 'actions', 'node.mjs'),
      'export default async (params, context) => ({ upper: params.key.toUpperCase(), rule: context.rule.name });\n',
    );
    const rules: Record<string, string> = {
      sample: rule('sample', 'core.local', {
        cmd: `echo {{ trigger.body.key1 | shell_quote }} > ${out}; echo written`,
      }),
      http: rule('http', 'core.http', { url: targetUrl, method: 'POST', body: '{{ trigger.body.key1 }}' }),
      script: rule('script', 'e2e.script', { who: '{{ trigger.body.key1 }} $(id)', count: 3 }),
      node: rule('node', 'e2e.node', { key: '{{ trigger.body.key1 }}' }),
      slow: rule('slow', 'core.local', { cmd: 'sleep 20', timeout: 1 }),
      nonzero: rule('nonzero', 'core.local', { cmd: 'echo oops >&2; exit 4' }),
      render: rule('render', 'core.local', { cmd: 'echo {{ trigger.body.missing | shell_quote }}' }),
      cast: rule('cast', 'core.local', { cmd: 'true', timeout: '{{ trigger.body.key1 }}' }),
      immutable: rule('immutable', 'core.local', { cmd: 'true', sudo: true }),
      gone: rule('gone', 'e2e.gone', {}),
    };
    for (const [name, text] of Object.entries(rules)) await writeFile(join(pack, 'rules', `${name}.yaml`), text);

    const output = await compilePacks({ roots: [root] });
    // The compiler already refuses the immutable override; the runtime must refuse it too (a rule set built anyway).
    assert.deepEqual(
      output.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      ['RULES_E_ACTION_PARAMETER_IMMUTABLE'],
    );
    const ruleSet = buildRuleSet(output, 1);
    assert.ok(ruleSet.rules.has('e2e.immutable'), 'rules with errors stay in the rule set');
    // An action deleted after the rules were compiled (a reload race) is StackStorm's "doesn't exist" case.
    const actions = new Map(ruleSet.actions);
    assert.ok(actions.delete('e2e.gone'));
    const engine = createEngine({
      ruleSet: () => ({ ...ruleSet, actions }),
      runnerSchemas: loadBuiltins().runners,
      store: {
        executions: store.executions,
        enforcements: store.enforcements,
        setTriggerInstanceStatus: (id, s) => store.triggerInstances.setStatus(id, s),
        durable: () => store.durable(),
      },
    });
    const app = await createServer({
      ruleSet: () => ruleSet,
      store,
      processor: engine,
      auth: { enabled: true },
      logger: false,
    });
    await store.tokens.create({ user: 'admin', token: 'matoken' });
    const { key } = await store.apiKeys.create('admin', {});
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      // curl -X POST https://localhost/api/v1/webhooks/sample -H "X-Auth-Token: matoken" -H "Content-Type: application/json" --data '{"key1": "value1"}'
      const response = await fetch(`${base}/api/v1/webhooks/sample`, {
        method: 'POST',
        headers: { 'X-Auth-Token': 'matoken', 'Content-Type': 'application/json' },
        body: '{"key1": "value1"}',
      });
      assert.equal(response.status, 202);
      assert.deepEqual(await response.json(), { key1: 'value1' });
      await new Promise((r) => setTimeout(r, 50));
      await engine.idle();

      assert.equal(await readFile(out, 'utf8'), 'value1\n');
      const api = async <T>(path: string): Promise<T> => {
        const r = await fetch(`${base}${path}`, { headers: { 'St2-Api-Key': key } });
        assert.equal(r.status, 200, path);
        return (await r.json()) as T;
      };
      const executions = await api<ExecutionRecord[]>('/v1/executions?limit=100');
      const enforcements = await api<EnforcementRecord[]>('/v1/ruleenforcements');
      const exec = (name: string) => executions.find((e) => e.rule?.ref === `e2e.${name}`);
      const enf = (name: string) => enforcements.find((e) => e.rule.ref === `e2e.${name}`);

      assert.equal(exec('sample')?.status, 'succeeded');
      assert.equal(exec('sample')?.result['stdout'], 'written');
      assert.equal(exec('http')?.status, 'succeeded');
      assert.equal(exec('http')?.result['status_code'], 201);
      assert.deepEqual(exec('http')?.result['body'], { got: 'value1' });
      assert.deepEqual(received, [{ url: '/notify', body: 'value1' }]);
      assert.equal(exec('script')?.status, 'succeeded');
      assert.equal(exec('script')?.result['stdout'], 'args:--count=3 value1 $(id)');
      assert.equal(exec('node')?.status, 'succeeded');
      assert.deepEqual(exec('node')?.result['result'], { upper: 'VALUE1', rule: 'node' });
      assert.equal(exec('slow')?.status, 'timeout');
      assert.equal(exec('slow')?.result['error'], 'Action failed to complete in 1 seconds');
      assert.equal(exec('nonzero')?.status, 'failed');
      assert.deepEqual([exec('nonzero')?.result['return_code'], exec('nonzero')?.result['stderr']], [4, 'oops']);
      for (const name of ['sample', 'http', 'script', 'node', 'slow', 'nonzero']) {
        assert.equal(enf(name)?.status, 'succeeded', name);
        assert.equal(enf(name)?.execution_id, exec(name)?.id, name);
      }
      // Render error: a failed execution and a failed enforcement with StackStorm's message.
      assert.equal(exec('render')?.status, 'failed');
      assert.equal(enf('render')?.status, 'failed');
      assert.equal(
        enf('render')?.failure_reason,
        `Failed to render parameter "cmd": 'dict object' has no attribute 'missing'`,
      );
      assert.equal(exec('render')?.result['error'], enf('render')?.failure_reason);
      // Cast error, immutable override, unknown action: a failed enforcement and no execution.
      assert.equal(enf('cast')?.failure_reason, "invalid literal for int() with base 10: 'value1'");
      assert.equal(enf('immutable')?.failure_reason, "Override of immutable parameter(s) ['sudo'] is unsupported.");
      assert.equal(enf('gone')?.failure_reason, 'Action "e2e.gone" doesn\'t exist');
      for (const name of ['cast', 'immutable', 'gone']) {
        assert.equal(enf(name)?.status, 'failed', name);
        assert.equal(exec(name), undefined, name);
      }
      assert.equal(executions.length, 7);
      const instanceId = enf('sample')?.trigger_instance_id ?? '';
      const instance = await api<{ status: string; payload: { body: unknown } }>(`/v1/triggerinstances/${instanceId}`);
      assert.equal(instance.status, 'processed');
      assert.deepEqual(instance.payload.body, { key1: 'value1' });
      assert.equal((await fetch(`${base}/v1/executions`)).status, 401);

      // The CLI over the same API.
      process.env['RULES_API_KEY'] = key;
      const listed = await cli(['execution', 'list', '--url', base, '--rule', 'e2e.sample']);
      assert.match(
        listed,
        new RegExp(`\\| ${exec('sample')?.id ?? 'x'} \\| core\\.local +\\| e2e\\.sample \\| succeeded`),
      );
      const shown = await cli(['execution', 'get', exec('sample')?.id ?? '', '--url', base]);
      assert.match(shown, /^result\.stdout: written$/m);
      assert.match(shown, /^status: succeeded$/m);
    } finally {
      delete process.env['RULES_API_KEY'];
      await engine.close();
      await app.close();
    }
  } finally {
    await store.close();
    target.closeAllConnections();
    await new Promise((r) => target.close(r));
    await rm(root, { recursive: true });
  }
});
