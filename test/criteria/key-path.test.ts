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

  it('the prototype chain is never reached', () => {
    assert.equal(resolve('trigger.constructor'), undefined);
    assert.equal(resolve('trigger.__proto__'), undefined);
    assert.equal(resolve('trigger.key1.length'), undefined);
  });
});
