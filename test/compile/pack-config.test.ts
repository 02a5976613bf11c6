// Pack configs as StackStorm loads them: validation with the schema's defaults assigned first (use_default), templated
// values that must compile (reported inside the YAML scalar), and the pure helpers the engine and the API use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { fillConfigDefaults, maskConfigSecrets } from '../../src/schema/index.ts';
import { resolvePackConfig } from '../../src/enforce/config.ts';

async function compileWith(schema: string, config: string) {
  const root = await mkdtemp(join(tmpdir(), 'rules-pack-config-'));
  try {
    await mkdir(join(root, 'p'), { recursive: true });
    await mkdir(join(root, 'configs'));
    await writeFile(join(root, 'p', 'pack.yaml'), 'ref: p\nname: p\ndescription: d\nversion: 0.1.0\nauthor: tests\n');
    await writeFile(join(root, 'p', 'config.schema.yaml'), schema);
    await writeFile(join(root, 'configs', 'p.yaml'), config);
    const output = await compilePacks({ roots: [root] });
    return {
      diagnostics: output.diagnostics.map((d) => `${d.file.slice(root.length + 1)}:${d.line}:${d.column} ${d.code}`),
      pack: output.packs.find((p) => p.ref === 'p'),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const SCHEMA = [
  'token: {type: string, secret: true, required: true}',
  'region: {type: string, required: true, default: us-east-1}',
  'server:',
  '  type: object',
  '  properties:',
  '    port: {type: integer, default: 443}',
  '    password: {type: string, secret: true}',
  '',
].join('\n');

test('a required key with a default is satisfied by its default (StackStorm validates with use_default)', async () => {
  const { diagnostics, pack } = await compileWith(SCHEMA, 'token: "{{ st2kv.system.token }}"\n');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(pack?.config, { token: '{{ st2kv.system.token }}' });
  assert.deepEqual(Object.keys(pack?.configSchema ?? {}), ['token', 'region', 'server']);
  const missing = await compileWith(SCHEMA, 'region: eu\n');
  assert.deepEqual(missing.diagnostics, ['configs/p.yaml:1:1 RULES_E_PACK_CONFIG_REQUIRED']);
});

test('a templated config value that does not compile is reported at its place in the file', async () => {
  const { diagnostics } = await compileWith(
    SCHEMA,
    'token: "{{ st2kv.system.token | no_such_filter }}"\nregion: "{{ oops"\n',
  );
  assert.deepEqual(diagnostics, [
    'configs/p.yaml:1:30 RULES_E_TEMPLATE_UNKNOWN_FILTER',
    'configs/p.yaml:2:17 RULES_E_TEMPLATE_SYNTAX',
  ]);
  const names = await compileWith(SCHEMA, 'token: "{{ trigger.body.x }}"\n');
  assert.deepEqual(names.diagnostics, ['configs/p.yaml:1:12 RULES_E_TEMPLATE_UNKNOWN_NAME']);
});

test('defaults fill nested objects; secrets are masked at any depth; st2kv values render per call', async () => {
  const { pack } = await compileWith(
    SCHEMA,
    'token: "{{ st2kv.system.token | decrypt_kv }}"\nserver: {password: pw}\n',
  );
  assert.ok(pack);
  const filled = fillConfigDefaults(pack.config, pack.configSchema);
  assert.deepEqual(filled, {
    token: '{{ st2kv.system.token | decrypt_kv }}',
    server: { password: 'pw', port: 443 },
    region: 'us-east-1',
  });
  assert.deepEqual(pack.config, { token: '{{ st2kv.system.token | decrypt_kv }}', server: { password: 'pw' } });
  assert.deepEqual(maskConfigSecrets(filled, pack.configSchema), {
    token: '********',
    server: { password: '********', port: 443 },
    region: 'us-east-1',
  });
  const first = resolvePackConfig(pack, { system: { token: 't1' }, user: {} });
  assert.deepEqual(first, { ok: true, config: { ...filled, token: 't1' } });
  // A key that is not set renders empty, which StackStorm turns into None.
  const unset = resolvePackConfig(pack, { system: {}, user: {} });
  assert.equal(unset.ok && unset.config['token'], null);
});

test('a config value that fails to render names the key and the pack', async () => {
  const { pack } = await compileWith(SCHEMA, 'token: "{{ st2kv.system.token.nope.deeper }}"\n');
  assert.ok(pack);
  const resolved = resolvePackConfig(pack, { system: {}, user: {} });
  assert.equal(resolved.ok, false);
  assert.match(
    resolved.ok ? '' : resolved.error,
    /^Failed to render dynamic configuration value for key "token" with value .* for pack "p" config: /,
  );
});
