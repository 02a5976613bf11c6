// core.http's verify_ssl_cert against a real HTTPS server with a self-signed certificate made by openssl:
// verified by default (the call fails), skipped when verify_ssl_cert is false (the call succeeds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runners } from '../../src/actions/index.ts';
import { action, input } from './helpers.ts';

test('http-request verifies certificates unless verify_ssl_cert is false', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tls":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const http = runners.get('http-request');
  assert.ok(http);
  try {
    const a = action({ runnerType: 'http-request' });
    const strict = await http.run(input(a, { url }));
    assert.equal(strict.status, 'failed');
    assert.match(String(strict.result['error']), /certificate/i);
    const insecure = await http.run(input(a, { url, verify_ssl_cert: false }));
    assert.equal(insecure.status, 'succeeded', JSON.stringify(insecure.result));
    assert.deepEqual(insecure.result['body'], { tls: true });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});
