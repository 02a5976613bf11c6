import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rename, unlink, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startHotReload } from '../../src/watch/index.ts';
import type { HotReload } from '../../src/watch/index.ts';
import { packYaml, ruleYaml, sleep, tempRoot, waitFor, write, writePack } from './helpers.ts';

describe('hot reload over real files', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let hot: HotReload;
  const gen = (): number => hot.holder.current().generation;
  const rule = (ref: string) => hot.holder.current().rules.get(ref);
  const pattern = (ref: string): unknown => rule(ref)?.criteria[0]?.pattern;
  const fileState = (file: string) => hot.holder.current().status?.files.get(file);

  before(async () => {
    ({ root, cleanup } = await tempRoot());
    await writePack(root, 'demo', {
      'a.yaml': ruleYaml('demo', 'a', 'hook', 'v0'),
      'b.yaml': ruleYaml('demo', 'b', 'other', 'x'),
    });
    await write(
      join(root, 'demo', 'actions', 'hello.yaml'),
      'name: hello\nrunner_type: local-shell-script\nentry_point: hello.sh\ndescription: hi\n',
    );
    await write(join(root, 'demo', 'actions', 'hello.sh'), 'echo hello\n');
    hot = await startHotReload({ roots: [root], debounceMs: 20 });
    await hot.ready;
  });
  after(async () => {
    await hot.close();
    await cleanup();
  });

  it('compiles the tree at start with no diagnostics', () => {
    assert.deepEqual(
      hot.reloader.initial.diagnostics.map((d) => `${d.code} ${d.message}`),
      [],
    );
    assert.equal(pattern('demo.a'), 'v0');
    assert.ok(hot.holder.current().webhooks.has('hook'));
    assert.equal(fileState(join(root, 'demo', 'rules', 'a.yaml'))?.state, 'ok');
  });

  it('an edit is served after the reload, with a new generation', async () => {
    const g = gen();
    await writeFile(join(root, 'demo', 'rules', 'a.yaml'), ruleYaml('demo', 'a', 'hook', 'v1'));
    await waitFor(() => pattern('demo.a') === 'v1', 'edit');
    assert.ok(gen() > g);
  });

  it('an atomic save (temp file + rename) is one change', async () => {
    const g = gen();
    const tmp = join(root, 'demo', 'rules', '.a.yaml.tmp');
    await writeFile(tmp, ruleYaml('demo', 'a', 'hook', 'v2'));
    await rename(tmp, join(root, 'demo', 'rules', 'a.yaml'));
    await waitFor(() => pattern('demo.a') === 'v2', 'atomic save');
    await sleep(150);
    assert.equal(gen(), g + 1);
  });

  it('saving the same content causes no reload', async () => {
    const g = gen();
    await writeFile(join(root, 'demo', 'rules', 'a.yaml'), ruleYaml('demo', 'a', 'hook', 'v2'));
    await sleep(200);
    assert.equal(gen(), g);
  });

  it('broken YAML keeps the last good version serving, then the fixed file takes over', async () => {
    const file = join(root, 'demo', 'rules', 'a.yaml');
    await writeFile(file, 'name: a\npack: demo\ntrigger: [unclosed\n');
    await waitFor(() => fileState(file)?.state === 'stale', 'stale state');
    assert.equal(pattern('demo.a'), 'v2');
    assert.ok(hot.holder.current().webhooks.has('hook'));
    const d = fileState(file)?.diagnostics[0];
    assert.ok(d && d.severity === 'error' && d.file === file && d.line >= 1);
    await writeFile(file, ruleYaml('demo', 'a', 'hook', 'v3'));
    await waitFor(() => pattern('demo.a') === 'v3', 'fixed file');
    assert.equal(fileState(file)?.state, 'ok');
    assert.equal(hot.holder.current().status?.result, 'ok');
  });

  it('a new file that never compiled serves nothing and is reported as error', async () => {
    const file = join(root, 'demo', 'rules', 'c.yaml');
    await writeFile(file, ruleYaml('demo', 'c', 'chook', 'x').replace('equals', 'no_such_operator'));
    await waitFor(() => fileState(file)?.state === 'error', 'error state');
    assert.equal(rule('demo.c'), undefined);
    await unlink(file);
    await waitFor(() => fileState(file) === undefined, 'removed broken file');
  });

  it('a new pack appears with its webhook url', async () => {
    await writePack(root, 'extra', { 'e.yaml': ruleYaml('extra', 'e', 'extra/hook', 'y') });
    await waitFor(() => rule('extra.e') !== undefined && hot.holder.current().webhooks.has('extra/hook'), 'new pack');
    assert.equal(hot.holder.current().packs.has('extra'), true);
  });

  it('a renamed file keeps its rule, read from the new path', async () => {
    await rename(join(root, 'extra', 'rules', 'e.yaml'), join(root, 'extra', 'rules', 'renamed.yaml'));
    await waitFor(() => rule('extra.e')?.file === join(root, 'extra', 'rules', 'renamed.yaml'), 'renamed file');
  });

  it('a deleted rule file removes the rule and its url', async () => {
    await unlink(join(root, 'extra', 'rules', 'renamed.yaml'));
    await waitFor(() => rule('extra.e') === undefined, 'deleted rule');
    assert.equal(hot.holder.current().webhooks.has('extra/hook'), false);
  });

  it('a deleted pack removes its rules', async () => {
    await writePack(root, 'gone', { 'g.yaml': ruleYaml('gone', 'g', 'gone', 'z') });
    await waitFor(() => rule('gone.g') !== undefined, 'pack to delete');
    await rm(join(root, 'gone'), { recursive: true, force: true });
    await waitFor(() => rule('gone.g') === undefined && !hot.holder.current().packs.has('gone'), 'deleted pack');
  });

  it("changing an action's entry point reloads", async () => {
    const g = gen();
    await writeFile(join(root, 'demo', 'actions', 'hello.sh'), 'echo changed\n');
    await waitFor(() => gen() > g, 'entry point reload');
  });

  it('a broken pack.yaml keeps the pack serving', async () => {
    const file = join(root, 'demo', 'pack.yaml');
    await writeFile(file, 'ref: [demo\n');
    await waitFor(() => fileState(file)?.state !== undefined && fileState(file)?.state !== 'ok', 'broken pack.yaml');
    assert.equal(pattern('demo.a'), 'v3');
    await writeFile(file, packYaml('demo'));
    await waitFor(() => fileState(file)?.state === 'ok', 'fixed pack.yaml');
    assert.equal(pattern('demo.a'), 'v3');
  });
});
