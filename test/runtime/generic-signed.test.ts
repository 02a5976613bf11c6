// Issue 16, item 7: the generic `st2` webhook must not fire the rules of a url that requires a signature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webhookOptionsFromDocument } from '../../src/webhooks/index.ts';
import type { RuleSet, WebhookOptions } from '../../src/model/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';

const options = (url: string, auth: string): WebhookOptions =>
  webhookOptionsFromDocument({
    document: { url, auth, signature: { scheme: 'github', secret: { env: 'GENERIC_SIGNED_SECRET' } } },
    pack: 'p',
    file: `${url}.yaml`,
  }).value as WebhookOptions;

test('the generic webhook refuses the Trigger of an auth: signature or both url (403) and fires others', async () => {
  const base = ruleSet([
    rule('p.signed', { type: 'core.st2.webhook', parameters: { url: 'signed' } }),
    rule('p.both', { type: 'core.st2.webhook', parameters: { url: 'both' } }),
    rule('p.open', { type: 'core.st2.webhook', parameters: { url: 'open' } }),
  ]);
  const rs: RuleSet = {
    ...base,
    webhookOptions: new Map([
      ['signed', options('signed', 'signature')],
      ['both', options('both', 'both')],
    ]),
  };
  const ref = (url: string): string => rs.webhooks.get(url)?.[0]?.ref ?? '';
  const server = await startServer(rs, { auth: { enabled: true } });
  try {
    const { key } = await server.store.apiKeys.create('admin');
    const generic = (trigger: unknown) =>
      fetch(`${server.url}/v1/webhooks/st2`, json({ trigger, payload: { forged: true } }, { 'st2-api-key': key }));
    for (const trigger of [ref('signed'), { ref: ref('signed') }, ref('both')]) {
      const res = await generic(trigger);
      assert.equal(res.status, 403, JSON.stringify(trigger));
      const { faultstring } = (await res.json()) as { faultstring: string };
      assert.match(faultstring, /whose deliveries must be signed: send them to \/v1\/webhooks\/(signed|both)/);
    }
    assert.equal(server.submitted.length, 0, 'nothing was dispatched');
    assert.equal((await generic(ref('open'))).status, 202);
    assert.deepEqual(
      server.submitted.map((s) => s.trigger.ref),
      [ref('open')],
    );
  } finally {
    await server.close();
  }
});
