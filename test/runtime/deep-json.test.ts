// Issue 16, item 8 (and item 12's `__proto__` wording): deep JSON is a 400 that names the limit, never a 500 or
// a 503 that makes senders retry; JSON at the limit is stored and read back. Real server, real SQLite file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { decodeJsonPayloadForm, MAX_JSON_DEPTH, jsonTooDeep } from '../../src/webhooks/index.ts';
import { rule, ruleSet, startServer, triggerType } from './helpers.ts';

const hooks = ruleSet(
  [rule('p.r', { type: 'core.st2.webhook', parameters: { url: 'hook' } }), rule('p.g', { type: 'p.custom' })],
  [triggerType('p.custom')],
);
const post = (url: string, body: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const objects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

test('nesting over the limit is a 400 naming it; at the limit the body is stored and read back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-deep-'));
  const server = await startServer(hooks, { store: openStore(join(dir, 'rules.db'), { writer: 'worker' }) });
  try {
    for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), objects(5000), objects(MAX_JSON_DEPTH + 1)]) {
      const res = await post(`${server.url}/v1/webhooks/hook`, body);
      assert.equal(res.status, 400);
      const { faultstring } = (await res.json()) as { faultstring: string };
      assert.equal(faultstring, 'Failed to parse request body: arrays and objects nested deeper than 1024 levels');
    }
    const generic = await post(`${server.url}/v1/webhooks/st2`, `{"trigger": "p.custom", "payload": ${objects(5000)}}`);
    assert.equal(generic.status, 400);
    // Brackets inside strings do not count.
    const ok = await post(`${server.url}/v1/webhooks/hook`, `{"s": "${'['.repeat(5000)}", "d": ${objects(1023)}}`);
    assert.equal(ok.status, 202);
    const atLimit = await post(`${server.url}/v1/webhooks/hook`, objects(MAX_JSON_DEPTH));
    assert.equal(atLimit.status, 202);
    const stored = await server.store.triggerInstances.get(server.submitted[1]?.id ?? '');
    let node = (stored?.payload as { body: unknown }).body;
    let depth = 0;
    while (node !== null && typeof node === 'object') {
      node = (node as { a: unknown }).a;
      depth++;
    }
    assert.equal(depth, MAX_JSON_DEPTH);
    assert.equal(server.submitted.length, 2);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a form delivery payload field has the same limit; the scan ignores brackets in strings', () => {
  const form = Buffer.from(`payload=${encodeURIComponent(objects(2000))}`);
  const decoded = decodeJsonPayloadForm(form);
  assert.equal(decoded.ok, false);
  assert.match(decoded.ok ? '' : decoded.message, /deeper than 1024 levels/);
  assert.equal(jsonTooDeep('["[[[\\"]]]"]', 1), false);
  assert.equal(jsonTooDeep('[[1]]', 1), true);
});

test('a __proto__ key is refused saying what was refused, not "unexpected end of data"', async () => {
  const server = await startServer(hooks);
  try {
    const res = await post(`${server.url}/v1/webhooks/hook`, '{"__proto__": {"x": 1}}');
    assert.equal(res.status, 400);
    const { faultstring } = (await res.json()) as { faultstring: string };
    assert.match(faultstring, /refused a "__proto__" key/);
    assert.doesNotMatch(faultstring, /unexpected end of data/);
  } finally {
    await server.close();
  }
});
