// RULES_ENGINE=off: the processor that only matches. It keeps up with the HTTP side (a batch per turn, not one
// instance), and after close() it writes nothing more: what was still queued stays pending for the next start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMatchingProcessor } from '../../src/runtime/matching-processor.ts';
import { ruleSet } from '../enforce/ruleset.ts';
import { rule } from '../enforce/helpers.ts';

function setup() {
  const statuses = new Map<string, string[]>();
  const { set, entry } = ruleSet(
    [rule('even', 'core.noop', {})],
    [],
    (_rule, payload) => (payload as { n: number }).n % 2 === 0,
  );
  const matched = new Map<string, readonly string[]>();
  const processor = createMatchingProcessor({
    ruleSet: () => set,
    triggerInstances: { setStatus: (id, status) => void statuses.set(id, [...(statuses.get(id) ?? []), status]) },
    onMatched: (instance, refs) => matched.set(instance.id, refs),
  });
  const submit = (n: number) =>
    processor.submit({ id: `ti${n}`, trigger: entry, payload: { n }, traceTag: 't', occurrenceTime: 'x' });
  return { processor, submit, statuses, matched };
}

test('matches every submitted instance, in batches, and marks it processing then processed', async () => {
  const { processor, submit, statuses, matched } = setup();
  for (let n = 0; n < 500; n++) submit(n);
  let turns = 0;
  const counting = setInterval(() => (turns += 1), 0);
  await processor.idle();
  clearInterval(counting);
  assert.equal(matched.size, 500);
  assert.deepEqual(matched.get('ti2'), ['test.even']);
  assert.deepEqual(matched.get('ti3'), []);
  assert.deepEqual(statuses.get('ti499'), ['processing', 'processed']);
  assert.ok(turns < 100, `500 instances took ${turns} timer turns`);
});

test('close(): queued instances are left alone (pending for recovery) and later submissions are ignored', async () => {
  const { processor, submit, statuses } = setup();
  for (let n = 0; n < 300; n++) submit(n);
  processor.close();
  submit(1000);
  await processor.idle();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(statuses.size, 0, 'nothing written after close');
});
