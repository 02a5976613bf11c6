// The generated matcher: the index never changes results (failures included), code is quoted and
// names its rules, and a random corpus agrees with the reference interpreter.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatcher, compileRuleCriteria } from '../../src/criteria/index.ts';
import { Scope, _ } from '../../src/codegen/index.ts';
import type { RuleModel } from '../../src/model/index.ts';
import { makeRule } from './helpers.ts';

function run(
  rules: RuleModel[],
  payload: unknown,
  mode: 'interpret' | 'compiled',
  index = true,
  datastore: Record<string, unknown> = {},
) {
  const r = buildMatcher(rules, { mode, index }).match(payload, {
    triggerInstanceId: 'ti',
    datastore: { system: datastore },
  });
  return { matched: r.matched.map((x) => x.name), failures: r.failures.map((f) => f.reason) };
}

function allAgree(rules: RuleModel[], payload: unknown, datastore: Record<string, unknown> = {}) {
  const a = run(rules, payload, 'interpret', false, datastore);
  assert.deepEqual(run(rules, payload, 'compiled', false, datastore), a, 'generated');
  assert.deepEqual(run(rules, payload, 'compiled', true, datastore), a, 'generated+index');
  return a;
}

describe('matcher', () => {
  it('indexed iequals/startswith still record the AttributeError of a non-string value', () => {
    const rules = [
      makeRule({ name: 'a', criteria: { 'trigger.x': { type: 'iequals', pattern: 'ABC' } } }),
      makeRule({ name: 'b', criteria: { 'trigger.x': { type: 'startswith', pattern: 'ab' } } }),
      makeRule({ name: 'c', criteria: { 'trigger.x': { type: 'equals', pattern: 'abc' } } }),
    ];
    assert.deepEqual(allAgree(rules, { x: 'aBc' }).matched, ['a']);
    assert.deepEqual(allAgree(rules, { x: 'abc' }).matched, ['a', 'b', 'c']);
    const r = allAgree(rules, { x: 5 });
    assert.deepEqual(r.matched, []);
    assert.deepEqual(r.failures, [
      `Failed to match rule "tests.a" against trigger instance "ti": There might be a problem with the criteria in rule tests.a: 'int' object has no attribute 'lower'`,
      `Failed to match rule "tests.b" against trigger instance "ti": There might be a problem with the criteria in rule tests.b: 'int' object has no attribute 'startswith'`,
    ]);
  });

  it('a raising criterion before the indexed one keeps the rule out of the index', () => {
    const rules = [
      makeRule({
        name: 'a',
        criteria: { 'trigger.n': { type: 'lt', pattern: 3 }, 'trigger.x': { type: 'equals', pattern: 'no' } },
      }),
    ];
    const r = allAgree(rules, { n: 'str', x: 'yes' });
    assert.equal(r.failures.length, 1);
    assert.match(r.failures[0]!, /'<' not supported between instances of 'str' and 'int'/);
  });

  it('render and key failures use StackStorm wording', () => {
    const rules = [
      makeRule({ name: 'render', criteria: { 'trigger.x': { type: 'equals', pattern: '{{ trigger.missing }}' } } }),
      makeRule({ name: 'key', criteria: { 'trigger.body.0': { type: 'equals', pattern: 'x' } } }),
    ];
    const r = allAgree(rules, { x: 1 });
    assert.match(
      r.failures[0]!,
      /^Failed to match rule "tests\.render" against trigger instance "ti": Failed to render pattern value "\{\{ trigger\.missing \}\}" for key "trigger\.x": /,
    );
    assert.match(
      r.failures[1]!,
      /^Failed to match rule "tests\.key" against trigger instance "ti": Failed transforming criteria key trigger\.body\.0: /,
    );
  });

  it('st2kv.system in patterns renders the value (documented behaviour)', () => {
    const rules = [
      makeRule({ name: 'kv', criteria: { 'trigger.x': { type: 'equals', pattern: '{{ st2kv.system.want }}' } } }),
    ];
    assert.deepEqual(allAgree(rules, { x: 'v1' }, { want: 'v1' }).matched, ['kv']);
    assert.deepEqual(allAgree(rules, { x: 'v1' }, { want: 'v2' }).matched, []);
  });

  it('backstop rules only when no standard rule matched; disabled rules never', () => {
    const rules = [
      makeRule({ name: 'bs', kind: 'backstop' }),
      makeRule({ name: 'off', enabled: false }),
      makeRule({ name: 'std', criteria: { 'trigger.k': { type: 'eq', pattern: 'v' } } }),
    ];
    assert.deepEqual(allAgree(rules, { k: 'v' }).matched, ['std']);
    assert.deepEqual(allAgree(rules, { k: 'w' }).matched, ['bs']);
  });

  it('a random corpus agrees across interpreter, generated and indexed code', () => {
    let seed = 42;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const ops = [
      'equals',
      'iequals',
      'startswith',
      'inside',
      'nequals',
      'contains',
      'regex',
      'exists',
      'lt',
      'gt',
      'matchwildcard',
    ];
    const values: unknown[] = ['a', 'A', 'ab', 'abc', 1, 2, true, null, ['a', 1], { a: 1 }, 'b*'];
    const pick = (): unknown => values[rnd(values.length)];
    const rules: RuleModel[] = [];
    for (let i = 0; i < 200; i++) {
      const criteria: Record<string, unknown> = {};
      const n = 1 + rnd(3);
      for (let j = 0; j < n; j++) {
        const op = ops[rnd(ops.length)]!;
        let pattern = pick();
        if (op === 'inside') pattern = [pick(), pick()];
        if (op === 'regex' || op === 'matchwildcard') pattern = typeof pattern === 'string' ? pattern : 'a';
        criteria[`trigger.${['p', 'q', 'r'][rnd(3)]!}#${j}`] = { type: op, pattern };
      }
      rules.push(
        makeRule({ name: `r${i}`, criteria, kind: rnd(10) === 0 ? 'backstop' : 'standard', enabled: rnd(15) !== 0 }),
      );
    }
    for (let e = 0; e < 60; e++) allAgree(rules, { p: pick(), q: pick(), r: pick() });
  });

  it('generated code names each rule and reads own properties through the runtime', () => {
    const rule = makeRule({ name: 'src', criteria: { 'trigger.body.action': { type: 'equals', pattern: 'opened' } } });
    const m = buildMatcher([rule]);
    assert.match(m.source, /\/\/ rule tests\.src \(\/packs\/tests\/rules\/src\.yaml/);
    assert.match(
      m.source,
      /rt\.f\(rt\.f\(t, "body"\), "action"\) === undefined|v = rt\.f\(rt\.f\(t, "body"\), "action"\);/,
    );
    assert.equal(compileRuleCriteria(rule).diagnostics.length, 0);
  });

  it('rule text cannot escape the quoting builder', () => {
    const evil = '"); globalThis.pwned = 1; ("';
    const rule = makeRule({
      name: 'evil',
      criteria: { [`trigger.'${evil}'`]: { type: 'equals', pattern: `*/ ${evil} \u2028` } },
    });
    const m = buildMatcher([rule]);
    m.match({ [evil]: 'x' }, { triggerInstanceId: 'ti' });
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
    const scope = new Scope();
    assert.equal(_`${'a"b'} + ${scope.value('k', { x: 1 })}`.code, '"a\\"b" + k0');
  });
});

describe('deep payloads', () => {
  it('a descendant lookup that exhausts the stack is a recorded key failure, not a crash', () => {
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const rules = [makeRule({ name: 'deep', criteria: { 'trigger.body..leaf': { type: 'exists', pattern: 'x' } } })];
    const r = allAgree(rules, { body: deep });
    assert.deepEqual(r.matched, []);
    assert.match(r.failures[0] ?? '', /Failed transforming criteria key trigger\.body\.\.leaf: /);
  });
});
