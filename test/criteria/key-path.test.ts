// Key paths in the jsonpath_rw dialect (spec §4.2): what parses, what fails, and what resolves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeyPath, resolveKeyPath } from '../../src/criteria/index.ts';

const payload = {
  'a.b': 1,
  'x-y': 'dash',
  '0': 'zero',
  'with space': 'sp',
  $d: 'dollar',
  ü: 'umlaut',
  key1: 'v1',
  list: [{ n: 1 }, { n: 2 }, { n: 3 }],
  nested: { deep: { k: 'found' } },
  nul: null,
  f: false,
};
const context = { trigger: payload, system: {} };

function resolve(key: string): unknown {
  const parsed = parseKeyPath(key);
  assert.ok(parsed.value, `${key}: ${JSON.stringify(parsed.diagnostics)}`);
  return resolveKeyPath(parsed.value, context);
}

describe('key paths', () => {
  const ok: Array<[string, unknown]> = [
    ['trigger.key1', 'v1'],
    ['trigger.x-y', 'dash'],
    ["trigger.'a.b'", 1],
    ['trigger."x-y"', 'dash'],
    ["trigger.'0'", 'zero'],
    ["trigger.'with space'", 'sp'],
    ["trigger.'$d'", 'dollar'],
    ["trigger.'ü'", 'umlaut'],
    ["trigger['a.b']", 1],
    ['trigger.list[0].n', 1],
    ['trigger.list[-1].n', 3],
    ['trigger.list[*].n', 1],
    ['trigger.list[1:].n', 2],
    ['trigger..k', 'found'],
    ['trigger.nested.*.k', 'found'],
    ['$.trigger.key1', 'v1'],
    ['trigger. key1', 'v1'],
    ['trigger.key1#2', 'v1'],
    ['trigger.a.b', undefined],
    ['Trigger.key1', undefined],
    ['trigger.KEY1', undefined],
    ['key1', undefined],
    ['trigger.list.n', undefined],
    ['trigger[0]', undefined],
    ['trigger.nul', undefined],
    ['trigger.f', false],
    ['trigger.missing.deeper', undefined],
  ];
  for (const [key, expected] of ok)
    it(`${key} → ${JSON.stringify(expected)}`, () => assert.deepEqual(resolve(key), expected));

  const bad = [
    'trigger.body.0',
    'trigger.body.1a',
    'trigger.body.$d',
    'trigger.body.with space',
    'trigger.body.ü',
    'trigger.body.list[0,1].n',
    'trigger.body[?(@.a)]',
    '`a.b`',
    'trigger.a & trigger.b',
    'trigger.',
  ];
  for (const key of bad) {
    it(`${key} is a RULES_E_CRITERIA_KEY_SYNTAX diagnostic with a position`, () => {
      const r = parseKeyPath(key);
      assert.equal(r.value, undefined);
      assert.equal(r.diagnostics[0]?.code, 'RULES_E_CRITERIA_KEY_SYNTAX');
      assert.ok((r.diagnostics[0]?.start ?? -1) >= 0);
    });
  }

  // Issue 20 point 7: the hint quotes the segment that failed and keeps the rest of the path, and what it
  // suggests parses and finds the value.
  const hints: Array<[string, string]> = [
    ['trigger.0.n', "trigger['0'].n"],
    ['trigger.0', "trigger['0']"],
    ['trigger.nested.deep.1x', "trigger.nested.deep['1x']"],
    ['trigger.with space', "trigger['with space']"],
    ['trigger.$d', "trigger['$d']"],
    ['trigger.ü', "trigger['ü']"],
    ['trigger.list.0#2', "trigger.list['0']#2"],
  ];
  for (const [key, suggestion] of hints) {
    it(`the hint for ${key} suggests ${suggestion}`, () => {
      const hint = parseKeyPath(key).diagnostics[0]?.hint ?? '';
      assert.ok(hint.endsWith(`: ${suggestion}.`), hint);
      assert.deepEqual(parseKeyPath(suggestion).diagnostics, []);
    });
  }
  it('a segment quoting cannot fix gets the generic example', () => {
    assert.match(parseKeyPath('trigger.body[?(@.a)]').diagnostics[0]?.hint ?? '', /trigger\.body\['0'\] or/);
  });
  it('the suggested key finds what the broken one meant', () => {
    const d = { trigger: { body: [{ status: 'ok' }], '0': { status: 'zero' } } };
    const fixed = parseKeyPath("trigger['0'].status").value;
    assert.ok(fixed);
    assert.deepEqual(resolveKeyPath(fixed, d), 'zero');
  });

  it('the prototype chain is never reached', () => {
    assert.equal(resolve('trigger.constructor'), undefined);
    assert.equal(resolve('trigger.__proto__'), undefined);
    assert.equal(resolve('trigger.key1.length'), undefined);
  });
});
