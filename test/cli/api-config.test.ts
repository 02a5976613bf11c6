// The API commands take the server URL and key from the config file's `api` section when neither a flag
// nor the environment gives them (like st2's ~/.st2/config).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rule, ruleSet, startServer } from '../runtime/helpers.ts';

const bin = new URL('../../src/cli/bin.js', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = { ...process.env };
  delete clean['RULES_API_KEY'];
  delete clean['RULES_URL'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...clean, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('rules execution list reads api.url and api.key from RULES_CONFIG', async () => {
  const server = await startServer(
    ruleSet([rule('examples.sample', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]),
    { auth: { enabled: true } },
  );
  const dir = mkdtempSync(join(tmpdir(), 'rules-cli-config-'));
  try {
    const { key } = await server.store.apiKeys.create('admin', {});
    const config = join(dir, 'config.yaml');
    writeFileSync(config, `api:\n  url: ${server.url}\n  key: ${key}\n`);
    const ok = await cli(['execution', 'list', '--json'], { RULES_CONFIG: config, HOME: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), []);

    writeFileSync(config, `api:\n  url: ${server.url}\n`);
    const denied = await cli(['execution', 'list', '--json'], { RULES_CONFIG: config, HOME: dir });
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /401: Unauthorized - One of Token or API key required\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});
