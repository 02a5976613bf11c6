// Cost of verifySignature per scheme against the floor (one bare createHmac over the same body) and
// against @octokit/webhooks-methods' verify, measured in the same run on a real GitHub push payload.
// Target: every scheme within 2x of the bare HMAC (verification must not dominate a webhook request).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { verify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { verifySignature } from '../src/webhooks/index.ts';
import { type SignatureOptions, type SignedRequest } from '../src/model/index.ts';

const SECRET = 'bench-secret';

function pushPayload(): string {
  const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; examples: unknown[] }>;
  return JSON.stringify(definitions.find((d) => d.name === 'push')?.examples[0]);
}

async function opsPerSecond(fn: () => unknown, ms = 400): Promise<number> {
  for (let i = 0; i < 200; i += 1) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i += 1) await fn();
    n += 50;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function run(): Promise<string> {
  const body = pushPayload();
  const rawBody = Buffer.from(body);
  const now = new Date();
  const t = Math.floor(now.getTime() / 1000);
  const hex = (content: string | Buffer): string => createHmac('sha256', SECRET).update(content).digest('hex');
  const whsec = `whsec_${Buffer.from(SECRET).toString('base64')}`;
  const lookup = (): string[] => [SECRET];
  const cases: Array<[string, SignatureOptions, SignedRequest, (() => string[])?]> = [
    [
      'github',
      { scheme: 'github', secrets: [{ env: 'S' }], sha1: false },
      { rawBody, headers: { 'x-hub-signature-256': `sha256=${hex(rawBody)}` } },
    ],
    ['gitlab', { scheme: 'gitlab', secrets: [{ env: 'S' }] }, { rawBody, headers: { 'x-gitlab-token': SECRET } }],
    [
      'slack',
      { scheme: 'slack', secrets: [{ env: 'S' }], tolerance: 300 },
      {
        rawBody,
        now,
        headers: { 'x-slack-request-timestamp': String(t), 'x-slack-signature': `v0=${hex(`v0:${t}:${body}`)}` },
      },
    ],
    [
      'stripe',
      { scheme: 'stripe', secrets: [{ env: 'S' }], tolerance: 300 },
      { rawBody, now, headers: { 'stripe-signature': `t=${t},v1=${hex(`${t}.${body}`)}` } },
    ],
    [
      'standard-webhooks',
      { scheme: 'standard-webhooks', secrets: [{ env: 'S' }], tolerance: 300 },
      {
        rawBody,
        now,
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(t),
          'webhook-signature': new Webhook(whsec).sign('msg_1', now, body),
        },
      },
      () => [whsec],
    ],
  ];
  const floor = await opsPerSecond(() => createHmac('sha256', SECRET).update(rawBody).digest());
  const octokit = await opsPerSecond(() => verify(SECRET, body, `sha256=${hex(rawBody)}`));
  const lines = [
    `body: ${rawBody.length} bytes (octokit push example)`,
    '',
    '| case | ops/s | floor / case (target ≤ 2.0) |',
    '|---|---|---|',
    `| bare createHmac (floor) | ${floor.toFixed(0)} | 1.00 |`,
    `| @octokit/webhooks-methods verify | ${octokit.toFixed(0)} | ${(floor / octokit).toFixed(2)} |`,
  ];
  for (const [name, options, request, secrets] of cases) {
    const check = verifySignature(options, request, secrets ?? lookup);
    if (!check.ok) throw new Error(`bench case ${name} does not verify: ${check.message}`);
    const ops = await opsPerSecond(() => verifySignature(options, request, secrets ?? lookup));
    lines.push(`| verifySignature ${name} | ${ops.toFixed(0)} | ${(floor / ops).toFixed(2)} |`);
  }
  return lines.join('\n');
}
