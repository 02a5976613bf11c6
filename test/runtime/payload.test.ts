// What a 202 stores and hands over (spec §1.3-§1.7, §1.9): payload shape, header names, trace tags, form and
// JSON bodies, the generic webhook, the listing, one instance per Trigger, committed before the answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { json, rule, ruleSet, startServer, triggerType } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const rules = [
  rule('p.one', { type: 'core.st2.webhook', parameters: { url: 'sample' } }),
  rule('p.two', { type: 'core.st2.webhook', parameters: { url: '/sample/' } }),
  rule('p.off', { type: 'core.st2.webhook', parameters: { url: 'disabled' } }, false),
  rule('p.typed', { type: 'mypack.mytrigger' }),
];
const types = [
  triggerType('mypack.mytrigger', {
    type: 'object',
    properties: { attribute1: { type: 'string' }, count: { type: 'integer', default: 1 } },
  }),
  triggerType('mypack.free'),
];

describe('accepted webhooks', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer(ruleSet(rules, types));
  });
  after(() => s.close());

  it('one trigger instance per Trigger of the hook, committed before the 202, echoing the body', async () => {
    s.submitted.length = 0;
    const r = await fetch(`${s.url}/v1/webhooks/sample`, json({ key1: 'value1' }));
    assert.equal(r.status, 202);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await r.json(), { key1: 'value1' });
    assert.equal(s.submitted.length, 2);
    const refs = s.submitted.map((i) => i.trigger.ref);
    assert.equal(new Set(refs).size, 2);
    for (const i of s.submitted) {
      const stored = await s.store.triggerInstances.get(i.id);
      assert.ok(stored, 'stored before submit');
      assert.equal(stored.status, 'pending');
      assert.equal(stored.trigger, i.trigger.ref);
      assert.deepEqual((stored.payload as { body: unknown }).body, { key1: 'value1' });
      assert.match(i.id, /^[0-9a-f]{24}$/);
      assert.match(i.occurrenceTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
  });

  it('a hook whose only rule is disabled still answers 202', async () => {
    assert.equal((await fetch(`${s.url}/v1/webhooks/disabled`, json({}))).status, 202);
  });

  it('arrays are accepted; an empty JSON body is {}; a missing Content-Type means JSON', async () => {
    const a = await fetch(`${s.url}/v1/webhooks/sample`, json([{ foo: 'bar' }]));
    assert.equal(a.status, 202);
    assert.deepEqual(await a.json(), [{ foo: 'bar' }]);
    const e = await fetch(`${s.url}/v1/webhooks/sample`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    assert.deepEqual(await e.json(), {});
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${s.url}/v1/webhooks/sample`,
        { method: 'POST', headers: { 'content-length': '7' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{"a":1}');
    });
    assert.deepEqual(raw, { status: 202, body: '{"a":1}' });
  });

  it('form bodies (urlencoded and multipart) are parse_qs lists of strings', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      s.submitted.length = 0;
      const r = await fetch(`${s.url}/v1/webhooks/sample`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'a=1&a=2&b=&c&d[e]=3&f=x+y%21&h=1;i=2&__proto__=p',
      });
      assert.equal(r.status, 202);
      const expected = JSON.parse(
        '{"a":["1","2"],"d[e]":["3"],"f":["x y!"],"h":["1;i=2"],"__proto__":["p"]}',
      ) as unknown;
      assert.deepEqual(JSON.parse(await r.text()), expected);
      const body = (s.submitted[0]?.payload as { body: Record<string, unknown> }).body;
      assert.ok(Object.hasOwn(body, '__proto__'));
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
    }
  });

  it('header names as WebOb presents them, headers_lower, X-Request-Id always present, repeats joined', async () => {
    s.submitted.length = 0;
    await fetch(
      `${s.url}/v1/webhooks/sample`,
      json(
        {},
        { 'X-GitHub-Event': 'push', 'x-github-delivery': 'd1', ETag: 'e', 'x-b3-traceid': 't', 'x-multi': 'a, b' },
      ),
    );
    const p = s.submitted[0]?.payload as { headers: Record<string, string>; headers_lower: Record<string, string> };
    assert.equal(p.headers['X-Github-Event'], 'push');
    assert.equal(p.headers['X-Github-Delivery'], 'd1');
    assert.equal(p.headers['Etag'], 'e');
    assert.equal(p.headers['X-B3-Traceid'], 't');
    assert.equal(p.headers['Content-Type'], 'application/json');
    assert.equal(p.headers['Content-Length'], '2');
    assert.match(p.headers['X-Request-Id'] ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(p.headers_lower['x-github-event'], 'push');
    assert.equal(p.headers_lower['host'], p.headers['Host']);
    assert.equal(p.headers['X-Multi'], 'a, b');
  });

  it('St2-Trace-Tag becomes the trace tag and leaves the headers; otherwise webhook-<hook>-<hex>', async () => {
    s.submitted.length = 0;
    await fetch(`${s.url}/v1/webhooks/sample`, json({}, { 'st2-trace-tag': 'my-tag' }));
    assert.equal(s.submitted[0]?.traceTag, 'my-tag');
    assert.equal((s.submitted[0]?.payload as { headers: Record<string, string> }).headers['St2-Trace-Tag'], undefined);
    assert.equal((await s.store.triggerInstances.get(s.submitted[0]?.id ?? ''))?.trace_tag, 'my-tag');
    s.submitted.length = 0;
    await fetch(`${s.url}/v1/webhooks/sample`, json({}, { 'st2-trace-tag': '' }));
    assert.match(s.submitted[0]?.traceTag ?? '', /^webhook-sample-[0-9a-f]{32}$/);
  });

  it("generic st2 webhook: validated payload, dispatched to the type's Trigger, {trigger, payload} echoed", async () => {
    s.submitted.length = 0;
    const r = await fetch(
      `${s.url}/v1/webhooks/st2`,
      json({ trigger: 'mypack.mytrigger', payload: { attribute1: 'value1' } }, { 'st2-trace-tag': 't1' }),
    );
    assert.equal(r.status, 202);
    assert.deepEqual(await r.json(), { trigger: 'mypack.mytrigger', payload: { attribute1: 'value1' } });
    assert.equal(s.submitted.length, 1);
    assert.equal(s.submitted[0]?.trigger.ref, 'mypack.mytrigger');
    assert.deepEqual(s.submitted[0]?.payload, { attribute1: 'value1' });
    assert.equal(s.submitted[0]?.traceTag, 't1');
    // Optional top-level properties accept null (st2's allow_default_none); a dict trigger uses its type.
    assert.equal(
      (
        await fetch(
          `${s.url}/v1/webhooks/st2/`,
          json({ trigger: { type: 'mypack.mytrigger' }, payload: { attribute1: null } }),
        )
      ).status,
      202,
    );
    // Schema-less types take any object; a scalar payload is st2's TypeError, a 500.
    assert.equal(
      (await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger: 'mypack.free', payload: { x: 1 } }))).status,
      202,
    );
    const scalar = await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger: 'mypack.free', payload: 5 }));
    assert.equal(scalar.status, 500);
    assert.deepEqual(await scalar.json(), { faultstring: 'Internal Server Error' });
    // A parameterised type has no shadow Trigger: 202 and nothing stored, as in st2.
    s.submitted.length = 0;
    assert.equal(
      (
        await fetch(
          `${s.url}/v1/webhooks/st2`,
          json({ trigger: 'core.st2.webhook', payload: { headers: {}, body: {} } }),
        )
      ).status,
      202,
    );
    assert.equal(s.submitted.length, 0);
  });

  it('lists webhooks as TriggerAPI dicts and gets one by normalised url', async () => {
    const list = (await (await fetch(`${s.url}/v1/webhooks`)).json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      list.map((t) => (t['parameters'] as { url: string }).url),
      ['sample', '/sample/', 'disabled'],
    );
    for (const t of list) {
      assert.equal(t['type'], 'core.st2.webhook');
      assert.equal(t['pack'], 'core');
      assert.equal(t['ref'], `core.${String(t['name'])}`);
      assert.match(String(t['uid']), /^trigger:core:[0-9a-f-]+:[0-9a-f]{32}$/);
    }
    assert.equal((await fetch(`${s.url}/v1/webhooks/`)).status, 200);
    const one = (await (await fetch(`${s.url}/api/v1/webhooks/sample`)).json()) as Record<string, unknown>;
    assert.deepEqual(one['parameters'], { url: 'sample' });
  });

  it('serves /healthz and /metrics', async () => {
    assert.deepEqual(await (await fetch(`${s.url}/healthz`)).json(), {
      status: 'ok',
      generation: 1,
      store: { writable: true },
    });
    const text = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(text, /rules_rules_loaded 4/);
    assert.match(text, /rules_webhooks_accepted_total\{hook="sample"\} \d+/);
    assert.match(text, /rules_http_requests_total\{route="hook",method="POST",status="202"\} \d+/);
  });
});

describe('text/plain', () => {
  it('production (gunicorn): a string, refused by the schema check; dev (eventlet): parsed as JSON', async () => {
    const prod = await startServer(ruleSet(rules, types));
    const dev = await startServer(ruleSet(rules, types), { textPlainAsJson: true });
    try {
      const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"a":1}' };
      const p = await fetch(`${prod.url}/v1/webhooks/sample`, init);
      assert.equal(p.status, 400);
      assert.deepEqual(await p.json(), { faultstring: `'{"a":1}' is not of type 'object', 'array'` });
      const d = await fetch(`${dev.url}/v1/webhooks/sample`, init);
      assert.equal(d.status, 202);
    } finally {
      await prod.close();
      await dev.close();
    }
  });
});

describe('rule set swap', () => {
  it('reads the rule set through the getter on every request', async () => {
    let current = ruleSet([]);
    const s = await startServer(current, { ruleSet: () => current });
    try {
      assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({}))).status, 404);
      current = ruleSet(rules, types, 2);
      assert.equal((await fetch(`${s.url}/v1/webhooks/sample`, json({}))).status, 202);
    } finally {
      await s.close();
    }
  });
});
