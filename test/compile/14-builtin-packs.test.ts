// Issue 14, point 4: StackStorm's own `core` and `packs` packs are built in (rules/core/actions/,
// rules/packs/actions/), every action of the real ones defined with the parameters StackStorm declares
// (contrib/core/actions/*.yaml, contrib/packs/actions/*.yaml); those whose entry point is a StackStorm script are
// definitions only. A pack directory named `core` or `packs` in a pack root is StackStorm's own copy, present in
// every install's packs directory (st2common/content/loader.py ContentPackLoader loads it like any pack): accepted,
// its actions replace the built-in definitions of the same ref, the others stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { loadBuiltins, parseYaml } from '../../src/pack/index.ts';
import { createEngine } from '../../src/enforce/engine.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { memoryStore } from '../actions/db.ts';
import { sharedDir } from '../shared-dir.ts';

const shared = sharedDir();
const realPacks = shared ? join(shared, 'real-packs') : undefined;
const skip = realPacks ? false : 'needs ../shared/real-packs (StackStorm packs as published)';
if (skip && process.env['CI'] === 'true') throw new Error(`CI: ${skip}`);

function realActions(pack: string): Map<string, Record<string, unknown>> {
  const dir = join(realPacks ?? '', pack, 'actions');
  const out = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    const doc = parseYaml(readFileSync(join(dir, f), 'utf8'), f).value as Record<string, unknown>;
    out.set(`${pack}.${String(doc['name'])}`, doc);
  }
  return out;
}

test('every action of the real core and packs packs is built in, with its runner and parameters', { skip }, () => {
  const builtins = new Map(loadBuiltins().actions.map((a) => [a.ref, a]));
  for (const pack of ['core', 'packs']) {
    const real = realActions(pack);
    assert.ok(real.size > 10, pack);
    for (const [ref, doc] of real) {
      const mine = builtins.get(ref);
      assert.ok(mine, `${ref} is not built in`);
      assert.equal(mine.runnerType, doc['runner_type'], ref);
      assert.equal(mine.entryPoint, doc['entry_point'] ?? '', ref);
      const params = (doc['parameters'] ?? {}) as Record<string, Record<string, unknown> | null>;
      assert.deepEqual(Object.keys(mine.parameters).sort(), Object.keys(params).sort(), ref);
      for (const [name, spec] of Object.entries(params)) {
        for (const attr of ['type', 'required', 'immutable', 'position'])
          assert.deepEqual(mine.parameters[name]?.[attr], spec?.[attr], `${ref}.${name}.${attr}`);
      }
      // Definition only exactly when StackStorm's own script is needed.
      assert.equal(mine.definitionOnly === true, (doc['entry_point'] ?? '') !== '', ref);
    }
    const extra = [...builtins.keys()].filter((r) => r.startsWith(`${pack}.`) && !real.has(r));
    assert.deepEqual(extra, [], `built-in ${pack} actions StackStorm does not have`);
  }
});

async function tempPacks(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-builtin-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const PACK = (name: string) => `name: ${name}\ndescription: d\nversion: 1.0.0\nauthor: a\n`;

test('a core pack directory in a root is accepted and merged: its actions replace the built-in ones', async () => {
  const dir = await tempPacks({
    'core/pack.yaml': PACK('core'),
    'core/actions/local.yaml':
      'name: local\nrunner_type: local-shell-cmd\nparameters:\n  cmd: {type: string, required: true}\n  extra: {type: string}\n',
    'core/actions/sendmail.yaml':
      'name: sendmail\nrunner_type: local-shell-script\nentry_point: send_mail/send_mail\nparameters:\n  to: {type: string}\n',
    'core/actions/send_mail/send_mail': '#!/bin/sh\necho "$@"\n',
    'packs/pack.yaml': PACK('packs'),
    'app/pack.yaml': PACK('app'),
    'app/rules/mail.yaml':
      'name: mail\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: m}}\n' +
      'action: {ref: core.sendmail, parameters: {to: a@b.c}}\n',
    'app/rules/local.yaml':
      'name: local\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: l}}\n' +
      'action: {ref: core.local, parameters: {cmd: "true", extra: x}}\n',
    'app/rules/uuid.yaml':
      'name: uuid\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: u}}\naction: {ref: core.uuid}\n',
    'app/rules/install.yaml':
      'name: install\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: i}}\n' +
      'action: {ref: packs.install, parameters: {packs: [x]}}\n',
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    const found = out.diagnostics.map((d) => `${d.file.slice(dir.length + 1)} ${d.code}`);
    // No reserved-name error; the disk's core.sendmail has its script, the built-in core.uuid and packs.install
    // (kept: the directories do not define them) run on runners this runtime does not execute.
    assert.deepEqual(found.sort(), [
      'app/rules/install.yaml RULES_W_ACTION_RUNNER_NOT_EXECUTABLE',
      'app/rules/uuid.yaml RULES_W_ACTION_RUNNER_NOT_EXECUTABLE',
    ]);
    const local = out.actions.filter((a) => a.ref === 'core.local');
    assert.equal(local.length, 1);
    assert.equal(local[0]?.packDir, join(dir, 'core'));
    assert.ok(out.actions.some((a) => a.ref === 'core.noop' && a.packDir === ''));
    assert.deepEqual(
      out.packs.map((p) => p.ref),
      ['app', 'core', 'packs'],
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a built-in definition-only action: a warning at compile time, a failed execution naming why', async () => {
  const dir = await tempPacks({
    'app/pack.yaml': PACK('app'),
    'app/rules/mail.yaml':
      'name: mail\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: m}}\n' +
      'action: {ref: core.sendmail, parameters: {to: a@b.c, subject: s, body: b}}\n',
  });
  try {
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.diagnostics.map((d) => d.code),
      ['RULES_W_ACTION_RUNNER_NOT_EXECUTABLE'],
    );
    assert.match(out.diagnostics[0]?.message ?? '', /entry point "send_mail\/send_mail" is StackStorm's/);
    const set = buildRuleSet(out, 1);
    const store = memoryStore();
    const engine = createEngine({ ruleSet: () => set, store, runnerSchemas: loadBuiltins().runners });
    const trigger = set.webhooks.get('m')?.[0];
    assert.ok(trigger);
    engine.submit({ id: 'ti', trigger, payload: { body: {} }, traceTag: 't', occurrenceTime: '' });
    await engine.idle();
    const [execution] = store.executions.list();
    assert.equal(execution?.status, 'failed');
    assert.match(String(execution?.result['error']), /action "core\.sendmail" is a definition only here/);
    await engine.close();
  } finally {
    await rm(dir, { recursive: true });
  }
});
