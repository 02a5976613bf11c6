// The console's server side over real HTTP (issue 19): page and asset serving with their cache headers, the
// authenticated endpoints it adds (activity, explain, re-run), against `rules serve` assembled as the CLI does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testRule } from '../../src/app/index.ts';
import { consoleRoutes } from '../../src/console/index.ts';
import { createServer } from '../../src/runtime/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { ExecutionRecord } from '../../src/store/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { GATE_PASSWORD, eventually, startConsoleServer } from './helpers.ts';
import type { ConsoleServer } from './helpers.ts';

interface Explained {
  trigger_instance: { id: string; trigger: string };
  rules: Array<{
    rule: string;
    matched: boolean;
    note?: string;
    parameters?: Record<string, unknown>;
    criteria: Array<{
      key: string;
      operator: string;
      value_repr: string;
      pattern_repr?: string;
      result: boolean;
      missing?: true;
    }>;
  }>;
}

describe('console: pages and assets', () => {
  let s: ConsoleServer;
  before(async () => {
    s = await startConsoleServer();
  });
  after(async () => {
    await s?.close();
  });

  it('the root redirects to /console/, and /console too', async () => {
    const root = await fetch(`${s.base}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/console/');
    const bare = await fetch(`${s.base}/console`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/console/');
  });

  it('the page: no credentials needed, no-cache with an ETag (304 when current), a CSP, gzip when asked', async () => {
    const page = await fetch(`${s.base}/console/`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'.*form-action 'none'/);
    const etag = page.headers.get('etag');
    assert.ok(etag);
    const html = await page.text();
    assert.match(html, /<script type="module" src="assets\/console\.[0-9a-f]{12}\.js"><\/script>/);
    const again = await fetch(`${s.base}/console/`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const raw = await fetch(`${s.base}/console/`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(raw.headers.get('content-encoding'), 'gzip');
  });

  it('hashed assets are immutable; everything the browser loads is under 50 KB gzipped', async () => {
    const html = await (await fetch(`${s.base}/console/`)).text();
    const names = [...html.matchAll(/(?:src|href)="assets\/([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.equal(names.length, 2, html);
    let gzipped = Buffer.byteLength(html);
    for (const name of names) {
      const res = await fetch(`${s.base}/console/assets/${name}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      // fetch decompresses: what went over the wire is the declared length.
      gzipped += Number(res.headers.get('content-length'));
      const body = await res.text();
      assert.ok(body.length > 0);
      assert.ok(!body.includes(s.key), 'no credential in an asset');
    }
    assert.ok(gzipped < 50 * 1024, `the console sends ${gzipped} bytes gzipped`);
    const missing = await fetch(`${s.base}/console/assets/console.000000000000.js`);
    assert.equal(missing.status, 404);
  });

  it('/console/errors is docs/errors.md with the same anchors', async () => {
    const res = await fetch(`${s.base}/console/errors`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<section id="rules_e_criteria_unknown_operator"><h2>RULES_E_CRITERIA_UNKNOWN_OPERATOR<\/h2>/);
    assert.match(html, /<section id="rules_http_re_run_refused">/);
  });
});

describe('console: the API it adds', () => {
  let s: ConsoleServer;
  before(async () => {
    s = await startConsoleServer();
  });
  after(async () => {
    await s?.close();
  });

  const post = (url: string, body: unknown): Promise<Response> =>
    fetch(`${s.base}/api/v1/webhooks/${url}`, {
      method: 'POST',
      headers: { 'St2-Api-Key': s.key, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** Posts to `url` and returns the stored instance's id once it is processed. */
  async function fire(url: string, body: unknown): Promise<string> {
    const before = ((await s.api('/v1/triggerinstances?limit=1')).body as Array<{ id: string }>)[0]?.id ?? '';
    assert.equal((await post(url, body)).status, 202);
    return eventually(async () => {
      const [latest] = (await s.api('/v1/triggerinstances?limit=1')).body as Array<{ id: string; status: string }>;
      return latest && latest.id !== before && latest.status === 'processed' ? latest.id : undefined;
    }, `the instance of ${url}`);
  }

  async function finished(id: string): Promise<ExecutionRecord> {
    return eventually(async () => {
      const x = (await s.api(`/v1/executions/${id}`)).body as ExecutionRecord;
      return ['succeeded', 'failed', 'timeout'].includes(x.status) ? x : undefined;
    }, `execution ${id}`);
  }

  it('every endpoint answers 401 without a key', async () => {
    for (const [method, path] of [
      ['GET', '/v1/activity'],
      ['GET', '/v1/triggerinstances/x/explain'],
      ['POST', '/v1/executions/x/re_run'],
    ] as const) {
      const res = await fetch(`${s.base}${path}`, { method });
      assert.equal(res.status, 401, path);
      assert.deepEqual(await res.json(), { faultstring: 'Unauthorized - One of Token or API key required.' });
    }
  });

  it('activity: received and matched in the last hour; a bad `since` is a 400', async () => {
    const empty = await s.api('/v1/activity');
    assert.equal(empty.status, 200);
    assert.deepEqual((empty.body as { trigger_instances: unknown }).trigger_instances, { received: 0, matched: 0 });
    await fire('gate', { password: 'nope' });
    const id = await fire('greet', { name: 'world', token: 'abc' });
    const counts = await eventually(async () => {
      const body = (await s.api('/v1/activity?since=1h')).body as {
        trigger_instances: { received: number; matched: number };
        executions: Record<string, number>;
      };
      return body.executions['succeeded'] === 1 ? body : undefined;
    }, 'the execution counted');
    assert.deepEqual(counts.trigger_instances, { received: 2, matched: 1 });
    assert.ok(id);
    const bad = await s.api('/v1/activity?since=yesterday');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { faultstring: 'Invalid query parameter since: not an age like 1h' });
  });

  it('lists leave out what exclude_attributes names, as StackStorm does; an unknown name is a 400', async () => {
    await fire('greet', { name: 'world', token: 'x' });
    const instances = (await s.api('/v1/triggerinstances?exclude_attributes=payload')).body as object[];
    assert.ok(instances.length > 0);
    for (const i of instances) assert.deepEqual(Object.keys(i).sort(), ['id', 'occurrence_time', 'status', 'trigger']);
    const executions = await eventually(async () => {
      const list = (await s.api('/v1/executions?exclude_attributes=result,trigger_instance')).body as object[];
      return list.length > 0 ? list : undefined;
    }, 'an execution');
    for (const x of executions) {
      assert.ok(!('result' in x) && !('trigger_instance' in x));
      assert.ok('parameters' in x && 'status' in x);
    }
    const bad = await s.api('/v1/triggerinstances?exclude_attributes=body');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, {
      faultstring: 'Invalid or unsupported exclude attribute specified: body. Valid attributes are: payload',
    });
  });

  it('explain: every rule of the trigger, the failing criterion of the one that did not match', async () => {
    const id = await fire('greet', { name: 'world', token: 's3cr3t-token' });
    const res = await s.api(`/v1/triggerinstances/${id}/explain`);
    assert.equal(res.status, 200);
    const body = res.body as Explained;
    assert.deepEqual(
      body.rules.map((r) => [r.rule, r.matched]),
      [
        ['demo.greet', true],
        ['demo.shout', false],
      ],
    );
    const [greet, shout] = body.rules;
    // Secret parameters are masked, the others rendered.
    assert.equal(greet?.parameters?.['name'], 'world');
    assert.equal(greet?.parameters?.['token'], '********');
    assert.deepEqual(
      shout?.criteria.map((c) => [c.key, c.operator, c.value_repr, c.pattern_repr, c.result]),
      [
        ['trigger.body.name', 'equals', "'world'", "'world'", true],
        ['trigger.body.loud', 'equals', 'None (missing)', 'True', false],
      ],
    );
    assert.equal(shout?.criteria[1]?.missing, true);
    assert.equal(shout?.parameters, undefined);
    const one = (await s.api(`/v1/triggerinstances/${id}/explain?rule=demo.shout`)).body as Explained;
    assert.deepEqual(
      one.rules.map((r) => r.rule),
      ['demo.shout'],
    );
    // A rule of another url: explained, never matched, and said so.
    const other = (await s.api(`/v1/triggerinstances/${id}/explain?rule=demo.gate`)).body as Explained;
    assert.equal(other.rules[0]?.matched, false);
    assert.match(other.rules[0]?.note ?? '', /listens on core\.st2\.webhook \(url: gate\)/);
  });

  it('explain: a secret datastore value never appears, unknown ids and rules are 404s', async () => {
    const id = await fire('gate', { password: 'wrong' });
    const res = await s.api(`/v1/triggerinstances/${id}/explain`);
    assert.equal(res.status, 200);
    assert.ok(!JSON.stringify(res.body).includes(GATE_PASSWORD), JSON.stringify(res.body));
    const criterion = (res.body as Explained).rules[0]?.criteria[0];
    assert.equal(criterion?.pattern_repr, '********');
    assert.equal(criterion?.result, false);
    const unknown = await s.api('/v1/triggerinstances/000000000000000000000000/explain');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, {
      faultstring: 'Resource with a reference or id "000000000000000000000000" not found',
    });
    const noRule = await s.api(`/v1/triggerinstances/${id}/explain?rule=demo.nope`);
    assert.equal(noRule.status, 404);
    assert.deepEqual(noRule.body, { faultstring: 'Rule "demo.nope" is not loaded' });
  });

  it('re_run: a new execution with the same parameters, its secret recovered from the rule and instance', async () => {
    const id = await fire('greet', { name: 'world', token: 't0k3n' });
    const [first] = (await s.api(`/v1/executions?trigger_instance=${id}`)).body as ExecutionRecord[];
    assert.ok(first);
    const done = await finished(first.id);
    assert.equal(done.result['stdout'], 'hello world t0k3n');
    assert.equal(done.parameters['token'], '********');

    const res = await s.api(`/v1/executions/${first.id}/re_run`, { method: 'POST', body: {} });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const created = res.body as ExecutionRecord;
    assert.notEqual(created.id, first.id);
    assert.deepEqual(created.context['re-run'], { ref: first.id });
    assert.equal(created.context['user'], 'tester');
    assert.equal(created.rule, undefined);
    assert.equal(created.parameters['token'], '********');
    const rerun = await finished(created.id);
    assert.equal(rerun.status, 'succeeded');
    assert.equal(rerun.result['stdout'], 'hello world t0k3n');
  });

  it('re_run: given parameters win and are values, never templates; bad input is a 400, unknown ids a 404', async () => {
    const id = await fire('greet', { name: 'world', token: 'x' });
    const [first] = (await s.api(`/v1/executions?trigger_instance=${id}`)).body as ExecutionRecord[];
    assert.ok(first);
    const res = await s.api(`/v1/executions/${first.id}/re_run`, {
      method: 'POST',
      body: { parameters: { name: '{{ 7 * 7 }}' } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const rerun = await finished((res.body as ExecutionRecord).id);
    assert.equal(rerun.result['stdout'], 'hello {{ 7 * 7 }} x');

    const bad = await s.api(`/v1/executions/${first.id}/re_run`, { method: 'POST', body: { parameters: 'x' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { faultstring: '"parameters" must be a mapping' });
    const missing = await s.api('/v1/executions/000000000000000000000000/re_run', { method: 'POST', body: {} });
    assert.equal(missing.status, 404);
  });

  it('rules execution re-run ID key=value: the CLI of the same endpoint', async () => {
    const id = await fire('greet', { name: 'world', token: 'cli-token' });
    const [first] = (await s.api(`/v1/executions?trigger_instance=${id}`)).body as ExecutionRecord[];
    assert.ok(first);
    const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', main, 'execution', 're-run', ...args], {
        env: { ...process.env, RULES_API_KEY: s.key, RULES_URL: s.base },
      });
    const { stdout } = await run(first.id, 'name=from the cli', '--json');
    const created = JSON.parse(stdout) as ExecutionRecord;
    assert.deepEqual(created.context['re-run'], { ref: first.id });
    const done = await finished(created.id);
    assert.equal(done.result['stdout'], 'hello from the cli cli-token');
    await assert.rejects(run(first.id, 'oops'), (e: { code?: number; stderr?: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr ?? '', /a parameter is key=value, not "oops"/);
      return true;
    });
  });
});

describe('console: without an engine, and when the bundle cannot be built', () => {
  it('re_run is a 503 and the page a 500 naming the cause; the API keeps working', async () => {
    const store = openStore(':memory:');
    const ruleSet = buildRuleSet({ packs: [], rules: [], actions: [], triggerTypes: [] }, 1);
    const app = await createServer({
      ruleSet: () => ruleSet,
      store,
      processor: { submit: () => undefined },
      auth: { enabled: false },
      logger: false,
      routes: [
        consoleRoutes({
          tester: testRule,
          runnerSchemas: new Map(),
          bundle: () => Promise.reject(new Error('esbuild is gone')),
        }),
      ],
    });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const page = await fetch(`${base}/console/`);
      assert.equal(page.status, 500);
      assert.deepEqual(await page.json(), { faultstring: 'The console could not be built: esbuild is gone' });
      const rerun = await fetch(`${base}/v1/executions/x/re_run`, { method: 'POST' });
      assert.equal(rerun.status, 503);
      const activity = await fetch(`${base}/v1/activity`);
      assert.equal(activity.status, 200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
