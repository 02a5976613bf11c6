// The library over real HTTP: a minimal node:http server wired the way the runtime is to call it
// (raw body bytes and Node's header object into verifySignature, webhookBody before JSON parsing),
// and a real client (fetch) sending deliveries signed by @octokit/webhooks-methods.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import {
  signatureFaultstring,
  verifySignature,
  webhookBody,
  webhookOptionsFromDocument,
} from '../../src/webhooks/index.ts';
import { type WebhookOptions } from '../../src/model/index.ts';
import { lookupFrom, octokitExamples } from './helpers.ts';

const SECRET = 'e2e-secret';
const options = webhookOptionsFromDocument({
  document: {
    url: 'github',
    auth: 'signature',
    signature: { scheme: 'github', secret: { env: 'GH' } },
    methods: ['POST', 'GET'],
    form: 'json_payload',
  },
  pack: 'github',
  file: 'github.yaml',
}).value as WebhookOptions;
const secrets = lookupFrom({ GH: [SECRET] });

let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const reply = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (options.auth !== 'st2' && options.signature) {
        const verified = verifySignature(options.signature, { rawBody, headers: req.headers }, secrets);
        if (!verified.ok) return reply(401, { faultstring: signatureFaultstring(verified), check: verified.check });
      }
      const decided = webhookBody(options, {
        method: req.method ?? '',
        rawBody,
        contentType: req.headers['content-type'],
        query: url.search,
      });
      if (decided.kind === 'error')
        return reply(400, { faultstring: `Failed to parse request body: ${decided.message}` });
      reply(202, decided.kind === 'body' ? decided.body : JSON.parse(rawBody.toString('utf8')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/webhooks/github`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('signed JSON deliveries are accepted, tampered ones get a 401 naming the failed check', async () => {
  for (const { event, payload } of octokitExamples().slice(0, 15)) {
    const body = JSON.stringify(payload);
    const signature = await sign(SECRET, body);
    const ok = await fetch(base, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature, 'X-GitHub-Event': event },
    });
    assert.equal(ok.status, 202, event);
    assert.deepEqual(await ok.json(), payload);
    const bad = await fetch(base, {
      method: 'POST',
      body: `${body} `,
      headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature },
    });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), {
      faultstring:
        'Unauthorized - Signature verification failed (signature): header X-Hub-Signature-256 does not match the body signed with the configured secret',
      check: 'signature',
    });
  }
  const none = await fetch(base, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as { check: string }).check, 'header');
});

test('a GitHub form delivery is verified over the form bytes and decoded to the payload object', async () => {
  const payload = octokitExamples().find((e) => e.event === 'push')?.payload;
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(base, {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Hub-Signature-256': await sign(SECRET, form) },
  });
  assert.equal(response.status, 202);
  assert.deepEqual(await response.json(), payload);
});

test('GET turns the signed query string request into a body; bad query keys are 400', async () => {
  // GitHub never sends GET; a sender signing an empty body shows the query path end to end.
  // (@octokit/webhooks-methods refuses an empty payload, so node:crypto signs it.)
  const signature = `sha256=${createHmac('sha256', SECRET).update('').digest('hex')}`;
  const ok = await fetch(`${base}?status=done&tag=a&tag=b`, { headers: { 'X-Hub-Signature-256': signature } });
  assert.equal(ok.status, 202);
  assert.deepEqual(await ok.json(), { status: 'done', tag: ['a', 'b'] });
  const bad = await fetch(`${base}?__proto__=1`, { headers: { 'X-Hub-Signature-256': signature } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), {
    faultstring: 'Failed to parse request body: Object contains forbidden prototype property',
  });
});
