import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLimiter, runAction } from '../../src/actions/index.ts';
import type { RunnerDefinition } from '../../src/actions/index.ts';
import { action, input } from './helpers.ts';

test('the limiter never runs more than max at once and keeps FIFO order', async () => {
  const limiter = createLimiter(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const task = (i: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    order.push(i);
    await new Promise((r) => setTimeout(r, 20));
    running--;
    return i;
  };
  const results = await Promise.all([1, 2, 3, 4, 5].map((i) => limiter.run(task(i))));
  assert.deepEqual(results, [1, 2, 3, 4, 5]);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.equal(peak, 2);
  assert.equal(limiter.active, 0);
  assert.equal(limiter.queued, 0);
});

test('a rejected task frees its slot', async () => {
  const limiter = createLimiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error('x'))));
  assert.equal(await limiter.run(() => Promise.resolve(7)), 7);
});

test('runAction turns a throwing runner into a failed outcome and calls onStart', async () => {
  const broken: RunnerDefinition = {
    name: 'broken',
    runnerParameters: [],
    defaultTimeout: 1,
    run: () => Promise.reject(new Error('bad runner')),
  };
  let started = false;
  const out = await runAction(broken, input(action({ runnerType: 'broken' }), {}), createLimiter(1), () => {
    started = true;
  });
  assert.equal(started, true);
  assert.deepEqual(out, { status: 'failed', result: { error: 'bad runner' } });
});
