// `rules serve` configuration: flags > environment > config file > defaults.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveServeOptions } from '../../src/app/index.ts';
import { UsageError } from '../../src/cli/command.ts';

describe('serve options', () => {
  let dir: string;
  let config: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-serve-opts-'));
    config = join(dir, 'rules.yaml');
    await writeFile(config, 'port: 9200\nhost: 0.0.0.0\nstore: /tmp/x.db\nbodyLimit: 2048\nauth:\n  enabled: true\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('defaults: port 9101, 127.0.0.1, ./.rules/rules.db, auth on, dev body semantics', () => {
    const o = resolveServeOptions({ auth: true }, {});
    assert.deepEqual(
      [o.port, o.host, o.store, o.auth, o.production, o.watch],
      [9101, '127.0.0.1', resolve('.rules/rules.db'), true, false, false],
    );
  });

  it('config file < environment < flags', () => {
    const fromFile = resolveServeOptions({ auth: true, config }, {});
    assert.deepEqual(
      [fromFile.port, fromFile.host, fromFile.store, fromFile.config.bodyLimit],
      [9200, '0.0.0.0', '/tmp/x.db', 2048],
    );
    const fromEnv = resolveServeOptions({ auth: true, config }, { RULES_PORT: '9300', RULES_STORE: '/tmp/y.db' });
    assert.deepEqual([fromEnv.port, fromEnv.store], [9300, '/tmp/y.db']);
    const fromFlags = resolveServeOptions({ auth: false, config, port: '9400', data: dir }, { RULES_PORT: '9300' });
    assert.deepEqual([fromFlags.port, fromFlags.store, fromFlags.auth], [9400, join(dir, 'rules.db'), false]);
  });

  it('refuses a bad port or a missing config file as usage errors', () => {
    assert.throws(() => resolveServeOptions({ auth: true, port: 'http' }, {}), UsageError);
    assert.throws(() => resolveServeOptions({ auth: true, config: join(dir, 'none.yaml') }, {}), UsageError);
  });
});
