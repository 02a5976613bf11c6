// Python `re` on RE2: translated syntax, Python behaviours, and backtracking features refused with hints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compilePythonRegex, fnmatch } from '../../src/criteria/index.ts';

function re(p: string, flags = {}) {
  const r = compilePythonRegex(p, flags);
  assert.ok(r.value, JSON.stringify(r.diagnostics));
  return r.value;
}

describe('Python regex on re2js', () => {
  it('$ also matches before a final newline; \\Z only at the very end', () => {
    assert.equal(re('v1$').search('v1\n'), true);
    assert.equal(re('v1$').search('v1\nx'), false);
    assert.equal(re('v1\\Z').search('v1\n'), false);
    assert.equal(re('v1\\Z').search('v1'), true);
  });
  it('match anchors at the start only, search anywhere', () => {
    assert.equal(re('b').match('ab'), false);
    assert.equal(re('b').search('ab'), true);
    assert.equal(re('a').match('ab'), true);
  });
  it('named groups (?P<n>...), inline (?i), DOTALL and IGNORECASE', () => {
    assert.equal(re('(?P<word>po+nies)').search('xponiesx'), true);
    assert.equal(re('(?i)PONIES').search('ponies'), true);
    assert.equal(re('a.b', { dotAll: true }).match('a\nb'), true);
    assert.equal(re('a.b').match('a\nb'), false);
    assert.equal(re('ponies', { ignoreCase: true }).search('PONIES'), true);
  });
  it('{,n} means {0,n} as in Python', () => {
    assert.equal(re('^a{,2}$').search('aa'), true);
    assert.equal(re('^a{,2}$').search('aaa'), false);
  });
  for (const [p, what] of [
    ['a(?=b)', 'lookahead'],
    ['a(?!b)', 'negative lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'negative lookbehind'],
    ['(a)\\1', 'backreference'],
    ['(?P<x>a)(?P=x)', 'named backreference'],
  ] as const) {
    it(`${what} is a compile-time diagnostic with a hint`, () => {
      const r = compilePythonRegex(p, {});
      assert.equal(r.value, undefined);
      assert.equal(r.diagnostics[0]?.code, 'RULES_E_CRITERIA_REGEX_BACKTRACKING');
      assert.match(r.diagnostics[0]?.hint ?? '', /backtracking/);
    });
  }
  it('a syntax error is RULES_E_CRITERIA_REGEX_SYNTAX', () => {
    assert.equal(compilePythonRegex('(unclosed', {}).diagnostics[0]?.code, 'RULES_E_CRITERIA_REGEX_SYNTAX');
  });
  it('a pathological pattern runs in linear time', () => {
    const subject = `${'a'.repeat(50_000)}!`;
    assert.equal(re('^(a+)+$').search(subject), false);
  });
});

describe('fnmatch', () => {
  const cases: Array<[string, string, boolean]> = [
    ['v1', 'v1', true],
    ['test foo test', 'foo', false],
    ['test foo test', '*foo*', true],
    ['bar', 'b?r', true],
    ['a/b', 'a*b', true],
    ['a\nb', 'a*b', true],
    ['abc', '[ab]bc', true],
    ['cbc', '[!ab]bc', true],
    ['abc', '[!ab]bc', false],
    ['ABC', 'abc', false],
    ['[x', '[x', true],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
  ];
  for (const [name, pat, expected] of cases)
    it(`fnmatch(${JSON.stringify(name)}, ${JSON.stringify(pat)}) is ${expected}`, () =>
      assert.equal(fnmatch(name, pat), expected));
});

describe('Unicode as Python 3 str patterns', () => {
  it('\\d and \\w match non-ASCII digits and letters; IGNORECASE folds ſ to S', () => {
    assert.equal(re('^\\d+$').search('١٢٣'), true);
    assert.equal(re('^\\w+$').search('straße'), true);
    assert.equal(re('^[\\w-]+$').search('é-x'), true);
    assert.equal(re('^\\W$').search('é'), false);
    assert.equal(re('s', { ignoreCase: true }).search('ſ'), true);
  });
});
