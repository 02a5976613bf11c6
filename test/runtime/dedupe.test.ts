// Delivery-id deduplication against a real server on port 0 with a real store: a retried delivery is
// answered like the first (202, same echo body) plus X-Rules-Duplicate, and is neither stored nor dispatched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleSet, WebhookOptions } from '../../src/model/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';
import type { ServerOptions } from '../../src/runtime/index.ts';

function hooks(): RuleSet {
  const rs = ruleSet([
    rule('test.gh', { type: 'core.st2.webhook', parameters: { url: 'gh' } }),
    rule('test.custom', { type: 'core.st2.webhook', parameters: { url: 'custom' } }),
  ]);
  const custom: WebhookOptions = {
    url: 'custom',
    normalizedUrl: 'custom',
    pack: 'test',
    file: 'custom.yaml',
    auth: 'st2',
    methods: ['POST'],
    dedupeHeader: 'X-Request-Key',
  };
  return { ...rs, webhookOptions: new Map([['custom', custom]]) };
}

async function withServer(
  overrides: Partial<ServerOptions>,
  body: (
    server: TestServer,
    post: (url: string, payload: unknown, headers?: Record<string, string>) => Promise<Response>,
  ) => Promise<void>,
): Promise<void> {
  const server = await startServer(hooks(), overrides);
  try {
    await body(server, (url, payload, headers = {}) =>
      fetch(`${server.url}/v1/webhooks/${url}`, json(payload, headers)),
    );
  } finally {
    await server.close();
  }
}

const stored = async (server: TestServer): Promise<number> => (await server.store.triggerInstances.list({})).length;

test('the same X-GitHub-Delivery twice: one trigger instance, the retry answered 202 with the same body and the duplicate header', async () => {
  await withServer({}, async (server, post) => {
    const first = await post('gh', { n: 1 }, { 'X-GitHub-Delivery': 'abc-1' });
    assert.equal(first.status, 202);
    assert.equal(first.headers.get('x-rules-duplicate'), null);
    assert.deepEqual(await first.json(), { n: 1 });
    const retry = await post('gh', { n: 1 }, { 'X-GitHub-Delivery': 'abc-1' });
    assert.equal(retry.status, 202);
    assert.equal(retry.headers.get('x-rules-duplicate'), 'true');
    assert.deepEqual(await retry.json(), { n: 1 });
    assert.equal(server.submitted.length, 1);
    assert.equal(await stored(server), 1);
    const record = await server.store.deliveries.find('gh', 'abc-1', 0);
    assert.equal(record?.trigger_instance_id, server.submitted[0]?.id);
  });
});

test('different ids, webhook-id, and requests without an id are all accepted', async () => {
  await withServer({}, async (server, post) => {
    assert.equal((await post('gh', {}, { 'X-GitHub-Delivery': 'a' })).status, 202);
    assert.equal((await post('gh', {}, { 'X-GitHub-Delivery': 'b' })).status, 202);
    assert.equal((await post('gh', {}, { 'webhook-id': 'msg_1' })).status, 202);
    assert.equal((await post('gh', {}, { 'webhook-id': 'msg_1' })).headers.get('x-rules-duplicate'), 'true');
    assert.equal((await post('gh', {})).status, 202);
    assert.equal((await post('gh', {})).status, 202);
    assert.equal(server.submitted.length, 5);
    assert.equal(await stored(server), 5);
  });
});

test("a url's dedupe_header replaces the default headers", async () => {
  await withServer({}, async (server, post) => {
    // X-GitHub-Delivery is not this url's id header: both are accepted.
    await post('custom', {}, { 'X-GitHub-Delivery': 'same' });
    const second = await post('custom', {}, { 'X-GitHub-Delivery': 'same' });
    assert.equal(second.headers.get('x-rules-duplicate'), null);
    await post('custom', { k: 1 }, { 'X-Request-Key': 'r1' });
    const dup = await post('custom', { k: 1 }, { 'x-request-key': 'r1' });
    assert.equal(dup.headers.get('x-rules-duplicate'), 'true');
    assert.equal(server.submitted.length, 3);
  });
});

test('the window expires on the injected clock; dedupeHeaders [] disables', async () => {
  let now = 1_000_000;
  await withServer({ dedupeWindowMs: 60_000, dedupeNow: () => now }, async (server, post) => {
    await post('gh', {}, { 'X-GitHub-Delivery': 'w' });
    now += 59_000;
    assert.equal((await post('gh', {}, { 'X-GitHub-Delivery': 'w' })).headers.get('x-rules-duplicate'), 'true');
    now += 2_000;
    const late = await post('gh', {}, { 'X-GitHub-Delivery': 'w' });
    assert.equal(late.headers.get('x-rules-duplicate'), null);
    assert.equal(server.submitted.length, 2);
    // The late one restarted the window.
    now += 30_000;
    assert.equal((await post('gh', {}, { 'X-GitHub-Delivery': 'w' })).headers.get('x-rules-duplicate'), 'true');
  });
  await withServer({ dedupeHeaders: [] }, async (server, post) => {
    await post('gh', {}, { 'X-GitHub-Delivery': 'x' });
    await post('gh', {}, { 'X-GitHub-Delivery': 'x' });
    assert.equal(server.submitted.length, 2);
  });
});

test('concurrent deliveries with the same id store one trigger instance', async () => {
  await withServer({}, async (server, post) => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => post('gh', { c: 1 }, { 'X-GitHub-Delivery': 'race' })));
    assert.deepEqual(
      answers.map((a) => a.status),
      [202, 202, 202, 202],
    );
    assert.equal(answers.filter((a) => a.headers.get('x-rules-duplicate') === 'true').length, 3);
    assert.equal(server.submitted.length, 1);
    assert.equal(await stored(server), 1);
  });
});
