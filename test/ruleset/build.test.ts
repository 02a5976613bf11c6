// buildRuleSet (spec §1.10): Triggers per identical parameters, url strip('/'), disabled rules keep the url.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { normaliseUrl } from '../../src/webhooks/index.ts';
import { emitMatchers } from '../../src/criteria/index.ts';
import type { TriggerTypeModel } from '../../src/model/index.ts';
import { makeRule } from '../criteria/helpers.ts';

const types: TriggerTypeModel[] = [
  {
    ref: 'core.st2.webhook',
    pack: 'core',
    name: 'st2.webhook',
    payloadSchema: {},
    parametersSchema: { url: { type: 'string' } },
    system: true,
    file: '',
  },
  {
    ref: 'core.st2.generic.actiontrigger',
    pack: 'core',
    name: 'st2.generic.actiontrigger',
    payloadSchema: {},
    parametersSchema: {},
    system: true,
    file: '',
  },
];

const rules = [
  makeRule({
    name: 'a',
    trigger: { type: 'core.st2.webhook', parameters: { url: 'sample' } },
    criteria: { 'trigger.body.k': { type: 'equals', pattern: 'v' } },
  }),
  makeRule({ name: 'b', trigger: { type: 'core.st2.webhook', parameters: { url: '/sample/' } } }),
  makeRule({ name: 'c', trigger: { type: 'core.st2.webhook', parameters: { url: 'sample' } } }),
  makeRule({
    name: 'off',
    enabled: false,
    trigger: { type: 'core.st2.webhook', parameters: { url: 'only/disabled' } },
  }),
  makeRule({ name: 'gen', trigger: { type: 'core.st2.generic.actiontrigger' } }),
];
const set = buildRuleSet({ packs: [], rules, actions: [], triggerTypes: types }, 7);

describe('buildRuleSet', () => {
  it('normalises urls as Python strip("/")', () => {
    assert.equal(normaliseUrl('/with/mixed/slash/'), 'with/mixed/slash');
    assert.equal(normaliseUrl('//x//'), 'x');
  });

  it('url: sample and url: /sample/ are two Triggers under one hook, each with its own rules', () => {
    const entries = set.webhooks.get('sample');
    assert.equal(entries?.length, 2);
    assert.deepEqual(
      entries?.map((e) => e.rules.map((r) => r.name)),
      [['a', 'c'], ['b']],
    );
    assert.notEqual(entries?.[0]?.ref, entries?.[1]?.ref);
    assert.match(
      entries?.[0]?.ref ?? '',
      /^core\.[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const m = entries?.[0]?.matcher.match({ body: { k: 'v' } }, { triggerInstanceId: 't' });
    assert.deepEqual(
      m?.matched.map((r) => r.name),
      ['a', 'c'],
    );
  });

  it('a disabled rule keeps its url alive but never matches', () => {
    const entry = set.webhooks.get('only/disabled')?.[0];
    assert.ok(entry);
    assert.equal(entry.rules.length, 1);
    assert.deepEqual(entry.matcher.match({ x: 1 }, { triggerInstanceId: 't' }).matched, []);
  });

  it('given in parts, builds the same rule set, never changes a part, and keeps Triggers whose rules are unchanged', () => {
    const shape = (rs: typeof set): unknown => ({
      webhooks: [...rs.webhooks].map(([url, list]) => [url, list.map((e) => [e.ref, e.rules.map((r) => r.name)])]),
      triggers: [...rs.triggers].map(([ref, e]) => [ref, e.rules.map((r) => r.name)]),
      rules: [...rs.rules.keys()],
    });
    const parts = [rules.slice(0, 2), rules.slice(2)];
    const copies = parts.map((p) => [...p]);
    const first = buildRuleSet({ packs: [], rules, actions: [], triggerTypes: types, parts }, 8);
    assert.deepEqual(shape(first), shape(set));
    assert.deepEqual(parts, copies, 'the parts are not changed (url `sample` spans both)');
    // The first part is replaced by an edited copy of rule b; the Trigger of `sample` (a + c) is kept.
    const edited = makeRule({
      name: 'b',
      trigger: { type: 'core.st2.webhook', parameters: { url: '/sample/' } },
      criteria: { 'trigger.body.k': { type: 'equals', pattern: 'w' } },
    });
    const next = [[rules[0]!, { ...edited, hash: 'edited' }], parts[1]!];
    const second = buildRuleSet({ packs: [], rules: next.flat(), actions: [], triggerTypes: types, parts: next }, 9, {
      previous: first,
    });
    assert.deepEqual(shape(second), shape(first));
    assert.equal(second.webhooks.get('sample')?.[0], first.webhooks.get('sample')?.[0]);
    assert.notEqual(second.webhooks.get('sample')?.[1], first.webhooks.get('sample')?.[1]);
    assert.equal(
      second.triggers.get('core.st2.generic.actiontrigger'),
      first.triggers.get('core.st2.generic.actiontrigger'),
    );
  });

  it('parameterless types are Triggers by their own ref, with or without rules', () => {
    assert.deepEqual(
      set.triggers.get('core.st2.generic.actiontrigger')?.rules.map((r) => r.name),
      ['gen'],
    );
    assert.equal(set.generation, 7);
    assert.equal(set.rules.get('tests.a')?.name, 'a');
  });

  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  it('emitMatchers writes one reviewed file per Trigger naming the rule files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-emit-'));
    dirs.push(dir);
    const written = await emitMatchers(set, join(dir, 'out'));
    assert.equal(written.length, 4);
    const files = await readdir(join(dir, 'out'));
    const sample = files.find((f) => f.startsWith('webhook-sample'));
    assert.ok(sample, files.join(','));
    const text = await readFile(join(dir, 'out', sample), 'utf8');
    assert.match(text, /\/\/ rule tests\.a \(\/packs\/tests\/rules\/a\.yaml/);
  });
});
