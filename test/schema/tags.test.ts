// `tags: [{name: retry_on_abandon, value: "true"}]` declares an action safe to re-run after a crash; any other
// spelling or value leaves it off, and the tag keeps the pack valid for StackStorm (tags is an ActionAPI field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declaresRetryOnAbandon } from '../../src/schema/index.ts';
import { compilePacks } from '../../src/compile/index.ts';

test('declaresRetryOnAbandon reads StackStorm tag lists', () => {
  assert.equal(declaresRetryOnAbandon([{ name: 'retry_on_abandon', value: 'true' }]), true);
  assert.equal(
    declaresRetryOnAbandon([
      { name: 'x', value: 'y' },
      { name: 'retry_on_abandon', value: ' True ' },
    ]),
    true,
  );
  assert.equal(declaresRetryOnAbandon([{ name: 'retry_on_abandon', value: true }]), true);
  assert.equal(declaresRetryOnAbandon([{ name: 'retry_on_abandon', value: 'false' }]), false);
  assert.equal(declaresRetryOnAbandon([{ name: 'retry_on_abandon' }]), false);
  assert.equal(declaresRetryOnAbandon([{ name: 'retry-on-abandon', value: 'true' }]), false);
  assert.equal(declaresRetryOnAbandon(undefined), false);
  assert.equal(declaresRetryOnAbandon('retry_on_abandon'), false);
  assert.equal(declaresRetryOnAbandon([null, 3, 'retry_on_abandon']), false);
});

test('the compiled action model carries the tag, with no diagnostic even under --strict-st2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-tags-'));
  try {
    await mkdir(join(dir, 'p', 'actions'), { recursive: true });
    await writeFile(join(dir, 'p', 'pack.yaml'), 'ref: p\nname: p\ndescription: d\nversion: 0.1.0\nauthor: a\n');
    const action = (name: string, tags: string) =>
      `name: ${name}\nrunner_type: local-shell-cmd\nenabled: true\nparameters:\n  cmd: {type: string, default: "true"}\n${tags}`;
    await writeFile(
      join(dir, 'p', 'actions', 'safe.yaml'),
      action('safe', 'tags:\n  - name: retry_on_abandon\n    value: "true"\n'),
    );
    await writeFile(join(dir, 'p', 'actions', 'plain.yaml'), action('plain', ''));
    const out = await compilePacks({ roots: [dir], strictSt2: true });
    assert.deepEqual(out.diagnostics, []);
    assert.equal(out.actions.find((a) => a.ref === 'p.safe')?.retryOnAbandon, true);
    assert.equal(out.actions.find((a) => a.ref === 'p.plain')?.retryOnAbandon, undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
