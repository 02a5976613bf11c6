import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';

const rs = ruleSet([rule('test.r1', { type: 'core.st2.webhook', parameters: { url: 'sample' } })]);

test('re_emit creates a new instance with the same trigger and payload and submits it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-re-emit-'));
  const s = await startServer(rs, { store: openStore(join(dir, 'store.db')) });
  try {
    const sent = await fetch(`${s.url}/api/v1/webhooks/sample`, json({ a: 1 }));
    assert.equal(sent.status, 202);
    assert.equal(s.submitted.length, 1);
    const originalId = s.submitted[0]?.id ?? '';
    const res = await fetch(`${s.url}/v1/triggerinstances/${originalId}/re_emit`, { method: 'POST' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      message: string;
      trigger_instance: { id: string; trigger: string; payload: { body: unknown }; context: { original_id: string } };
    };
    assert.equal(body.message, `Trigger instance ${originalId} succesfully re-sent.`);
    assert.notEqual(body.trigger_instance.id, originalId);
    assert.equal(body.trigger_instance.context.original_id, originalId);
    assert.deepEqual(body.trigger_instance.payload.body, { a: 1 });
    // Stored, and handed to the processor with the rule set's Trigger (not a bare ref).
    assert.equal(s.submitted.length, 2);
    const resubmitted = s.submitted[1];
    assert.equal(resubmitted?.id, body.trigger_instance.id);
    assert.equal(resubmitted?.trigger, s.submitted[0]?.trigger);
    const stored = await s.store.triggerInstances.get(body.trigger_instance.id);
    assert.equal(stored?.trigger, s.submitted[0]?.trigger.ref);
    assert.deepEqual(stored?.payload, (await s.store.triggerInstances.get(originalId))?.payload);
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('re_emit of an unknown id is a 404 and submits nothing', async () => {
  const s = await startServer(rs);
  try {
    const res = await fetch(`${s.url}/v1/triggerinstances/5f0000000000000000000000/re_emit`, { method: 'POST' });
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { faultstring: string }).faultstring, /not found/);
    assert.equal(s.submitted.length, 0);
  } finally {
    await s.close();
  }
});

test('re_emit is authenticated like the other API routes', async () => {
  const s = await startServer(rs, { auth: { enabled: true } });
  try {
    const res = await fetch(`${s.url}/v1/triggerinstances/5f0000000000000000000000/re_emit`, { method: 'POST' });
    assert.equal(res.status, 401);
    assert.equal(s.submitted.length, 0);
  } finally {
    await s.close();
  }
});

test('replay client: --since parsing and re-emitting every instance since a time, oldest first', async () => {
  const { instancesSince, parseSince, reEmit } = await import('../../src/app/index.ts');
  assert.equal(parseSince('1h', 10_000_000), 10_000_000 - 3_600_000);
  assert.equal(parseSince('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'));
  assert.equal(parseSince('yesterday-ish'), undefined);
  const s = await startServer(rs);
  try {
    for (const n of [1, 2, 3]) assert.equal((await fetch(`${s.url}/api/v1/webhooks/sample`, json({ n }))).status, 202);
    const rows = await instancesSince(s.url, Date.now() - 60_000, undefined);
    assert.deepEqual(
      rows.map((r) => r.id),
      s.submitted.map((x) => x.id),
    );
    assert.deepEqual(await instancesSince(s.url, Date.now() + 60_000, undefined), []);
    for (const row of rows) await reEmit(s.url, row.id, {});
    assert.equal(s.submitted.length, 6);
    assert.deepEqual(
      s.submitted.slice(3).map((x) => (x.payload as { body: { n: number } }).body.n),
      [1, 2, 3],
    );
  } finally {
    await s.close();
  }
});
