// Issue 16, items 2 and 3: an unauthenticated client cannot hold memory or connections for ever. Real server on
// port 0, raw sockets for the slow clients (fetch cannot stall mid-body), fetch for the legitimate requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webhookOptionsFromDocument } from '../../src/webhooks/index.ts';
import type { RuleSet, WebhookOptions } from '../../src/model/index.ts';
import { defaultMaxConnections, resolveLimits } from '../../src/runtime/limits.ts';
import { rule, ruleSet, startServer } from './helpers.ts';

const signed = webhookOptionsFromDocument({
  document: { url: 'signed', auth: 'signature', signature: { scheme: 'github', secret: { env: 'LIMITS_SECRET' } } },
  pack: 'p',
  file: 'signed.yaml',
}).value as WebhookOptions;

function hooks(): RuleSet {
  const rs = ruleSet([
    rule('p.signed', { type: 'core.st2.webhook', parameters: { url: 'signed' } }),
    rule('p.open', { type: 'core.st2.webhook', parameters: { url: 'open' } }),
  ]);
  return { ...rs, webhookOptions: new Map([['signed', signed]]) };
}

/** A raw client: connects, writes `head`, and collects what the server sends until it closes the socket. */
function rawClient(base: string, head: string): { socket: Socket; received: () => string; closed: Promise<void> } {
  const url = new URL(base);
  const socket = connect(Number(url.port), url.hostname);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  socket.on('error', () => undefined);
  socket.write(head);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

const within = <T>(ms: number, p: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_r, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

const postHead = (path: string, length: number): string =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

test('a stalled body on an auth: signature url is answered 408 and its connection closed', async () => {
  const server = await startServer(hooks(), { limits: { bodyTimeoutMs: 300 } });
  try {
    const client = rawClient(server.url, postHead('/v1/webhooks/signed', 1000) + '{"a":');
    await within(20_000, client.closed, 'the stalled connection was not closed');
    assert.match(client.received(), /^HTTP\/1\.1 408 /);
    assert.match(client.received(), /Request body not received within 0\.3 s/);
    assert.match(client.received(), /connection: close/i);
  } finally {
    await server.close();
  }
});

test('unauthenticated bodies beyond the shared budget get 503 with Retry-After; authenticated ones are served', async () => {
  const server = await startServer(hooks(), {
    auth: { enabled: true },
    limits: { unverifiedBodyBytes: 100_000, bodyTimeoutMs: 60_000 },
  });
  const { key } = await server.store.apiKeys.create('admin');
  const slow: Array<ReturnType<typeof rawClient>> = [];
  try {
    // Two slow senders take 80,000 of the 100,000 bytes and stall.
    for (let i = 0; i < 2; i++) slow.push(rawClient(server.url, postHead('/v1/webhooks/signed', 40_000) + 'x'));
    await new Promise((r) => setTimeout(r, 200));
    const third = rawClient(server.url, postHead('/v1/webhooks/signed', 40_000) + 'x');
    await within(20_000, third.closed, 'the request over the budget was not refused');
    assert.match(third.received(), /^HTTP\/1\.1 503 /);
    assert.match(third.received(), /retry-after: 5/i);
    assert.match(third.received(), /too many unauthenticated request bodies/);
    // A chunked body of the same size is refused as its bytes arrive.
    const chunked = rawClient(
      server.url,
      'POST /v1/webhooks/signed HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
        `9c40\r\n${'x'.repeat(40_000)}\r\n`,
    );
    await within(20_000, chunked.closed, 'the chunked request over the budget was not refused');
    assert.match(chunked.received(), /^HTTP\/1\.1 503 /);
    // An API-key request is authenticated before its body is read: it does not count and is served.
    const ok = await fetch(`${server.url}/v1/webhooks/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'st2-api-key': key },
      body: JSON.stringify({ big: 'y'.repeat(60_000) }),
    });
    assert.equal(ok.status, 202);
    // Once the slow senders are gone their bytes are free again: a signed request is checked (401), not refused.
    for (const s of slow) s.socket.destroy();
    await Promise.all(slow.map((s) => s.closed));
    await new Promise((r) => setTimeout(r, 100));
    const checked = await fetch(`${server.url}/v1/webhooks/signed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big: 'z'.repeat(60_000) }),
    });
    assert.equal(checked.status, 401);
  } finally {
    for (const s of slow) s.socket.destroy();
    await server.close();
  }
});

test('headers that never end close the connection after the headers timeout', async () => {
  const server = await startServer(hooks(), { limits: { headersTimeoutMs: 500 } });
  try {
    const client = rawClient(server.url, 'POST /v1/webhooks/open HTTP/1.1\r\nHost: x\r\n');
    await within(20_000, client.closed, 'half-sent headers kept their connection');
  } finally {
    await server.close();
  }
});

test('limits come from flags, then the environment, then the config file, with clear errors', () => {
  const limits = resolveLimits(
    { bodyTimeout: '2.5' },
    { RULES_MAX_CONNECTIONS: '50', RULES_BODY_TIMEOUT: '9' },
    { maxConnections: 70, unverifiedBodyBytes: 1024, headersTimeout: 3 },
  );
  assert.deepEqual(limits, {
    bodyTimeoutMs: 2500,
    headersTimeoutMs: 3000,
    maxConnections: 50,
    unverifiedBodyBytes: 1024,
    maxFileBytes: 1024 * 1024,
  });
  assert.throws(() => resolveLimits({ maxConnections: '0' }, {}, {}), /--max-connections: not a positive integer: 0/);
  assert.throws(() => resolveLimits({}, { RULES_BODY_TIMEOUT: 'soon' }, {}), /RULES_BODY_TIMEOUT: not a number/);
  assert.throws(() => resolveLimits({}, {}, { headersTimeout: 0 }), /must be more than 0/);
  assert.equal(defaultMaxConnections('Max open files            400                  400                  files'), 300);
  assert.equal(defaultMaxConnections('Max open files   1048576   1048576   files'), 4096);
});

// Item 3: `rules serve` under `ulimit -n 400` (cap 300 by default) while a client keeps ~600 half-open
// connections open, reopening each one the server closes: a legitimate webhook is still answered.
test('a legitimate webhook is served while half-open connections flood a process with few descriptors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-flood-'));
  await mkdir(join(dir, 'packs/p/rules'), { recursive: true });
  await writeFile(join(dir, 'packs/p/pack.yaml'), 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n');
  await writeFile(
    join(dir, 'packs/p/rules/r.yaml'),
    'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: hook}}\naction: {ref: core.noop}\n',
  );
  const main = join(import.meta.dirname, '../../src/cli/main.ts');
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n 400 && exec "$@"',
      'bash',
      process.execPath,
      '--import',
      'tsx',
      main,
      'serve',
      '--no-auth',
      '--data',
      join(dir, 'data'),
    ],
    {
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, RULES_LOG_LEVEL: 'warn', RULES_PORT: '0', RULES_PACKS: join(dir, 'packs') },
    },
  );
  const exited = new Promise((r) => child.once('exit', r));
  const sockets = new Set<Socket>();
  let attacking = true;
  try {
    let stderr = '';
    const base = await within(
      180_000,
      new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
          const m = /serving .* on (http:\/\/[^\s]+)/.exec(stderr);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${stderr}`)));
      }),
      'serve did not start',
    );
    const { port, hostname } = new URL(base);
    let opened = 0;
    // Bounded by work: at most 3,000 connections in all.
    const open = (): void => {
      if (!attacking || opened >= 3000) return;
      opened++;
      const s = connect(Number(port), hostname);
      s.on('error', () => undefined);
      s.once('connect', () => s.write('POST /v1/webhooks/hook HTTP/1.1\r\nHost: x\r\n'));
      s.once('close', () => {
        sockets.delete(s);
        open();
      });
      sockets.add(s);
    };
    for (let i = 0; i < 600; i++) open();
    await new Promise((r) => setTimeout(r, 1000));
    const answer = await within(
      60_000,
      fetch(`${base}/v1/webhooks/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: '{"legit": true}',
      }),
      'the legitimate webhook was not answered during the flood',
    );
    assert.equal(answer.status, 202);
    assert.deepEqual(await answer.json(), { legit: true });
  } finally {
    attacking = false;
    for (const s of sockets) s.destroy();
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
});
