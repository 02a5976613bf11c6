// `rules replay --webhook URL`: only the instances received on that url are re-emitted, through every Trigger the
// url carries, oldest first; an unknown url is an error naming it, and nothing is re-emitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule, ruleSet, startServer, json, triggerType } from '../runtime/helpers.ts';
import { instancesSinceAny, reEmit, webhookTriggerRefs } from '../../src/app/index.ts';

const rs = ruleSet(
  [
    rule('test.a1', { type: 'core.st2.webhook', parameters: { url: 'alpha' } }),
    // Same url, different parameters: a second Trigger on the same hook.
    rule('test.a2', { type: 'core.st2.webhook', parameters: { url: '/alpha/' } }),
    rule('test.b', { type: 'core.st2.webhook', parameters: { url: 'beta' } }),
  ],
  [triggerType('test.other')],
);

test('replay --webhook re-emits only that url, across its Triggers, oldest first', async () => {
  const s = await startServer(rs);
  try {
    for (const [hook, n] of [
      ['alpha', 1],
      ['beta', 2],
      ['alpha', 3],
    ] as const) {
      assert.equal((await fetch(`${s.url}/v1/webhooks/${hook}`, json({ n }))).status, 202);
    }
    const refs = await webhookTriggerRefs(s.url, '/alpha');
    assert.equal(refs.length, 2);
    const rows = await instancesSinceAny(s.url, Date.now() - 60_000, refs);
    // One instance per Trigger of the url per request: 2 requests x 2 Triggers.
    assert.equal(rows.length, 4);
    const alphaIds = new Set(s.submitted.filter((x) => refs.includes(x.trigger.ref)).map((x) => x.id));
    assert.deepEqual(new Set(rows.map((r) => r.id)), alphaIds);
    const times = rows.map((r) => r.occurrence_time);
    assert.deepEqual(times, [...times].sort());
    for (const row of rows) await reEmit(s.url, row.id, {});
    // 2 + 1 + 2 instances were received; the rest are the re-emits.
    const replayed = s.submitted.slice(5);
    assert.equal(replayed.length, 4);
    for (const x of replayed) {
      assert.ok(refs.includes(x.trigger.ref));
      assert.notEqual((x.payload as { body: { n: number } }).body.n, 2);
    }
  } finally {
    await s.close();
  }
});

test('replay --webhook with an unknown url fails naming it', async () => {
  const s = await startServer(rs);
  try {
    await assert.rejects(webhookTriggerRefs(s.url, 'gamma'), /no webhook "gamma" is registered/);
  } finally {
    await s.close();
  }
});
