// Webhook options end to end: a pack with webhooks/*.yaml in a temp dir, compiled by the real compiler into
// the RuleSet `rules serve` builds, served by the real server on port 0 and called with fetch. GitHub
// deliveries are real @octokit/webhooks-examples payloads signed by @octokit/webhooks-methods; Standard
// Webhooks requests are signed by the `standardwebhooks` package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { compileRuleSet } from '../../src/app/index.ts';
import { compilePacks } from '../../src/compile/index.ts';
import type { RuleSet } from '../../src/model/index.ts';
import { envSecretLookup, signatureFaultstring } from '../../src/webhooks/index.ts';
import { octokitExamples } from '../webhooks/helpers.ts';
import { startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const GH_SECRET = 'current-github-secret';
const GH_SECRET_OLD = 'previous-github-secret';
const GL_SECRET = 'gitlab-token-value';
const SW_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

let dir: string;
let server: TestServer;
let ruleSet: RuleSet;
let apiKey: string;

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

function webhookRule(name: string, url: string, criteria = ''): string {
  return `name: ${name}\npack: hooks\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: ${url}\n${criteria}action:\n  ref: core.noop\n`;
}

const pushExample = (): unknown => {
  const push = octokitExamples().find((e) => e.event === 'push');
  assert.ok(push, 'the octokit examples have a push payload');
  return push.payload;
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rules-webhook-options-'));
  await writeFiles(join(dir, 'packs'), {
    'hooks/pack.yaml':
      'ref: hooks\nname: hooks\ndescription: webhook options test pack\nversion: 0.1.0\nauthor: test\n',
    'hooks/rules/github.yaml': webhookRule(
      'github_push',
      'github',
      "criteria:\n  trigger.headers_lower['x-github-event']:\n    type: equals\n    pattern: push\n",
    ),
    'hooks/rules/standard.yaml': webhookRule('standard', '/standard/'),
    'hooks/rules/reply.yaml': webhookRule('reply', 'reply'),
    'hooks/rules/broken.yaml': webhookRule('broken', 'broken'),
    'hooks/rules/picky.yaml': webhookRule(
      'picky',
      'picky',
      'criteria:\n  trigger.body.kind:\n    type: equals\n    pattern: wanted\n',
    ),
    'hooks/rules/ping.yaml': webhookRule('ping', 'ping'),
    'hooks/rules/both.yaml': webhookRule('both', 'both'),
    'hooks/rules/plain.yaml': webhookRule('plain', 'plain'),
    'hooks/rules/getonly.yaml': webhookRule('getonly', 'get/only'),
    'hooks/webhooks/github.yaml': [
      'url: github',
      'auth: signature',
      'signature:',
      '  scheme: github',
      '  secret: { env: RULES_TEST_GH_SECRET }',
      '  secrets: [{ env: RULES_TEST_GH_SECRET_OLD }]',
      'form: json_payload',
      'dedupe_header: X-GitHub-Delivery',
      '',
    ].join('\n'),
    'hooks/webhooks/standard.yaml':
      'url: standard\nauth: signature\nsignature:\n  scheme: standard-webhooks\n  secret: { env: RULES_TEST_SW_SECRET }\n  tolerance: 300\n',
    'hooks/webhooks/reply.yaml': [
      'url: reply',
      'response:',
      '  status: 200',
      '  headers: { X-Handled: "yes", Content-Type: application/json }',
      '  body: \'{"action": "{{ trigger.body.action }}", "event": "{{ trigger.headers_lower["x-event"] }}"}\'',
      '',
    ].join('\n'),
    'hooks/webhooks/broken.yaml':
      'url: broken\nresponse:\n  status: 200\n  body: "{{ trigger.body.missing.deeper }}"\n',
    'hooks/webhooks/picky.yaml': 'url: picky\nresponse: on_no_match\n',
    'hooks/webhooks/ping.yaml': 'url: ping\nmethods: [POST, GET]\n',
    'hooks/webhooks/getonly.yaml': 'url: get/only\nmethods: [GET]\n',
    'hooks/webhooks/both.yaml':
      'url: both\nauth: both\nsignature:\n  scheme: gitlab\n  secret: { env: RULES_TEST_GL_SECRET }\n',
  });
  const loaded = await compileRuleSet([join(dir, 'packs')], 1);
  const problems = loaded.output.diagnostics.filter((d) => d.severity === 'error' || d.code.includes('WEBHOOK'));
  assert.deepEqual(
    problems.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`),
    [],
  );
  ruleSet = loaded.ruleSet;
  const env = {
    RULES_TEST_GH_SECRET: GH_SECRET,
    RULES_TEST_GH_SECRET_OLD: GH_SECRET_OLD,
    RULES_TEST_GL_SECRET: GL_SECRET,
    RULES_TEST_SW_SECRET: SW_SECRET,
  };
  server = await startServer(ruleSet, { auth: { enabled: true }, webhookSecrets: envSecretLookup(env) });
  apiKey = (await server.store.apiKeys.create('tester')).key;
});

after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const hook = (url: string): string => `${server.url}/v1/webhooks/${url}`;

async function faultOf(response: Response): Promise<string> {
  const body = (await response.json()) as { faultstring: string };
  return body.faultstring;
}

test('the compiled rule set carries the options by normalised url, dedupe_header recorded', () => {
  const options = ruleSet.webhookOptions;
  assert.ok(options);
  assert.deepEqual([...options.keys()].sort(), [
    'both',
    'broken',
    'get/only',
    'github',
    'picky',
    'ping',
    'reply',
    'standard',
  ]);
  assert.equal(options.get('github')?.dedupeHeader, 'X-GitHub-Delivery');
  assert.equal(options.get('github')?.pack, 'hooks');
});

test('github: a real push payload signed with the current or the rotated secret is accepted without an API key', async () => {
  const payload = pushExample();
  const body = JSON.stringify(payload);
  for (const secret of [GH_SECRET, GH_SECRET_OLD]) {
    const before = server.submitted.length;
    const response = await fetch(hook('github'), {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'X-GitHub-Event': 'push',
        'X-Hub-Signature-256': await sign(secret, body),
      },
    });
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), payload);
    assert.equal(server.submitted.length, before + 1);
    const submitted = server.submitted.at(-1)?.payload as { body: unknown; headers_lower: Record<string, string> };
    assert.deepEqual(submitted.body, payload);
    assert.equal(submitted.headers_lower['x-github-event'], 'push');
  }
});

test('github: tampered body, wrong secret and missing header are 401s naming the check, counted in metrics', async () => {
  const body = JSON.stringify(pushExample());
  const good = await sign(GH_SECRET, body);
  const cases: Array<{ body: string; headers: Record<string, string>; check: string }> = [
    {
      body: body.replace('"push"', '"pusH"').replace(/"ref":"/, '"ref":"x'),
      headers: { 'X-Hub-Signature-256': good },
      check: 'signature',
    },
    { body, headers: { 'X-Hub-Signature-256': await sign('not-the-secret', body) }, check: 'signature' },
    { body, headers: {}, check: 'header' },
  ];
  for (const c of cases) {
    const before = server.submitted.length;
    const response = await fetch(hook('github'), {
      method: 'POST',
      body: c.body,
      headers: { 'content-type': 'application/json', ...c.headers },
    });
    assert.equal(response.status, 401);
    const fault = await faultOf(response);
    assert.ok(fault.startsWith(signatureFaultstring({ check: c.check, message: '' })), fault);
    assert.equal(server.submitted.length, before);
  }
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(metrics, /rules_webhook_signature_failures_total\{hook="github",check="signature"\} 2/);
  assert.match(metrics, /rules_webhook_signature_failures_total\{hook="github",check="header"\} 1/);
});

test('github form: payload=<json> is verified over the form bytes and decoded into the body object', async () => {
  const payload = pushExample();
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(hook('github'), {
    method: 'POST',
    body: form,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'X-GitHub-Event': 'push',
      'X-Hub-Signature-256': await sign(GH_SECRET, form),
    },
  });
  assert.equal(response.status, 202);
  assert.deepEqual((server.submitted.at(-1)?.payload as { body: unknown }).body, payload);
});

test('standard webhooks: signed by the standardwebhooks package is accepted; stale or re-signed elsewhere is 401', async () => {
  const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1' } });
  const headersAt = (secret: string, when: Date): Record<string, string> => ({
    'content-type': 'application/json',
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(when.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign('msg_1', when, body),
  });
  const ok = await fetch(hook('standard'), { method: 'POST', body, headers: headersAt(SW_SECRET, new Date()) });
  assert.equal(ok.status, 202);
  const stale = await fetch(hook('standard'), {
    method: 'POST',
    body,
    headers: headersAt(SW_SECRET, new Date(Date.now() - 3600_000)),
  });
  assert.equal(stale.status, 401);
  assert.match(await faultOf(stale), /Signature verification failed \(timestamp\)/);
  const other = await fetch(hook('standard'), {
    method: 'POST',
    body,
    headers: headersAt(`whsec_${randomBytes(24).toString('base64')}`, new Date()),
  });
  assert.equal(other.status, 401);
  assert.match(await faultOf(other), /Signature verification failed \(signature\)/);
});

test('auth: both needs the API key and the signature', async () => {
  const body = '{"object_kind":"push"}';
  const send = (headers: Record<string, string>): Promise<Response> =>
    fetch(hook('both'), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const noKey = await send({ 'X-Gitlab-Token': GL_SECRET });
  assert.equal(noKey.status, 401);
  assert.doesNotMatch(await faultOf(noKey), /Signature/);
  const badToken = await send({ 'St2-Api-Key': apiKey, 'X-Gitlab-Token': 'wrong' });
  assert.equal(badToken.status, 401);
  assert.match(await faultOf(badToken), /Signature verification failed \(signature\)/);
  const okBoth = await send({ 'St2-Api-Key': apiKey, 'X-Gitlab-Token': GL_SECRET });
  assert.equal(okBoth.status, 202);
});

test('urls without options keep StackStorm behaviour: API key required, echo, GET is the webhook view', async () => {
  const noKey = await fetch(hook('plain'), {
    method: 'POST',
    body: '{"a":1}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(noKey.status, 401);
  const ok = await fetch(hook('plain'), {
    method: 'POST',
    body: '{"a":1}',
    headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey },
  });
  assert.equal(ok.status, 202);
  assert.deepEqual(await ok.json(), { a: 1 });
  const before = server.submitted.length;
  const view = await fetch(`${hook('plain')}?a=1`, { headers: { 'St2-Api-Key': apiKey } });
  assert.equal(view.status, 200);
  assert.equal(server.submitted.length, before);
});

test('response: custom status, headers and a body template with trigger in scope', async () => {
  const response = await fetch(hook('reply'), {
    method: 'POST',
    body: '{"action":"opened"}',
    headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey, 'X-Event': 'issues' },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-handled'), 'yes');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.deepEqual(await response.json(), { action: 'opened', event: 'issues' });
});

test('response: a body template that fails to render is a 500 with a clear faultstring; the instance is kept', async () => {
  const before = server.submitted.length;
  const response = await fetch(hook('broken'), {
    method: 'POST',
    body: '{"x":1}',
    headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey },
  });
  assert.equal(response.status, 500);
  assert.match(
    await faultOf(response),
    /^Internal Server Error - the response body of webhook broken could not be rendered: UndefinedError: /,
  );
  assert.equal(server.submitted.length, before + 1);
});

test('response: on_no_match answers 404 when no rule matched, 202 when one did', async () => {
  const send = (body: unknown): Promise<Response> =>
    fetch(hook('picky'), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey },
    });
  const miss = await send({ kind: 'other' });
  assert.equal(miss.status, 404);
  assert.deepEqual(await miss.json(), { faultstring: 'No rule matched webhook picky' });
  const hit = await send({ kind: 'wanted' });
  assert.equal(hit.status, 202);
  assert.deepEqual(await hit.json(), { kind: 'wanted' });
});

test('methods [POST, GET]: GET turns the query string (minus credentials) into the body; POST still works', async () => {
  const before = server.submitted.length;
  const get = await fetch(`${hook('ping')}?name=build&tag=a&tag=b&st2-api-key=${apiKey}`);
  assert.equal(get.status, 202);
  const body = (server.submitted.at(-1)?.payload as { body: Record<string, unknown> }).body;
  assert.equal(server.submitted.length, before + 1);
  assert.equal(body['name'], 'build');
  assert.deepEqual(body['tag'], ['a', 'b']);
  assert.ok(!Object.hasOwn(body, 'st2-api-key'), 'the API key of the query is not stored in the payload');
  const post = await fetch(hook('ping'), {
    method: 'POST',
    body: '{"p":1}',
    headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey },
  });
  assert.equal(post.status, 202);
});

test('compiler: inline secrets, conflicting urls, unknown urls and bad response templates are placed at file:line:col', async () => {
  const root = join(dir, 'bad-packs');
  await writeFiles(root, {
    'one/pack.yaml': 'ref: one\nname: one\ndescription: d\nversion: 0.1.0\nauthor: t\n',
    'one/rules/r.yaml': webhookRule('r', 'shared').replace('pack: hooks', 'pack: one'),
    'one/webhooks/shared.yaml': 'url: shared\nmethods: [POST, GET]\n',
    'one/webhooks/inline.yaml': 'url: shared2\nauth: signature\nsignature:\n  scheme: github\n  secret: hunter2\n',
    'one/webhooks/template.yaml': 'url: shared\nresponse:\n  body: "{{ trigger.body.x | no_such_filter }}"\n',
    'two/pack.yaml': 'ref: two\nname: two\ndescription: d\nversion: 0.1.0\nauthor: t\n',
    'two/webhooks/shared.yaml': 'url: /shared/\n',
    'two/webhooks/orphan.yaml': 'url: sharde\n',
  });
  const output = await compilePacks({ roots: [root] });
  const found = output.diagnostics
    .filter((d) => d.file.includes('/webhooks/'))
    .map((d) => `${d.file.slice(root.length + 1)}:${d.line}:${d.column} ${d.code}`);
  assert.ok(found.includes('one/webhooks/inline.yaml:5:11 RULES_E_WEBHOOK_INLINE_SECRET'), found.join('\n'));
  assert.ok(found.includes('two/webhooks/shared.yaml:1:6 RULES_E_WEBHOOK_CONFLICT'), found.join('\n'));
  assert.ok(found.includes('two/webhooks/orphan.yaml:1:6 RULES_W_WEBHOOK_UNKNOWN_URL'), found.join('\n'));
  assert.ok(
    found.some((f) => f.startsWith('one/webhooks/template.yaml:3:') && f.includes('RULES_E_TEMPLATE')),
    found.join('\n'),
  );
  assert.ok(!output.diagnostics.some((d) => d.message.includes('hunter2')), 'the inline secret is never quoted');
  assert.equal(output.webhookOptions?.get('shared')?.pack, 'one');
});

test('methods [GET] only: GET delivers even on a url with a slash, POST is an unknown route', async () => {
  const get = await fetch(`${hook('get/only')}?x=1`, { headers: { 'St2-Api-Key': apiKey } });
  assert.equal(get.status, 202);
  assert.deepEqual(await get.json(), { x: '1' });
  const post = await fetch(hook('get/only'), {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json', 'St2-Api-Key': apiKey },
  });
  assert.equal(post.status, 404);
  assert.equal(await faultOf(post), 'The resource could not be found.');
});
