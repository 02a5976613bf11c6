import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  PyError,
  PyFloat,
  floatRepr,
  jsonDumps,
  pyCompare,
  pyEquals,
  pyRepr,
  pyStr,
  pyTruthy,
  pyTypeName,
  pyLower,
} from '../../src/python/index.ts';

test('pyEquals follows Python ==', () => {
  assert.equal(pyEquals(1, true), true);
  assert.equal(pyEquals(1, new PyFloat(1)), true);
  assert.equal(pyEquals(0, false), true);
  assert.equal(pyEquals('1', 1), false);
  assert.equal(pyEquals(null, undefined), true);
  assert.equal(pyEquals([1, { a: [true] }], [true, { a: [1] }]), true);
  assert.equal(pyEquals({ a: 1 }, { a: 1, b: 2 }), false);
  assert.equal(pyEquals([], {}), false);
});

test('pyCompare orders like Python and raises TypeError on mixed types', () => {
  assert.equal(pyCompare(1, 2), -1);
  assert.equal(pyCompare(true, 0.5), 1);
  assert.equal(pyCompare('b', 'a'), 1);
  assert.equal(pyCompare('\u{1F600}', '\uffff'), 1, 'code points, not UTF-16 units');
  assert.equal(pyCompare([1, 2], [1, 3]), -1);
  assert.equal(pyCompare([1, 2], [1]), 1);
  assert.throws(
    () => pyCompare('a', 1),
    (e: unknown) =>
      e instanceof PyError &&
      e.pyClass === 'TypeError' &&
      e.message === "'<' not supported between instances of 'str' and 'int'",
  );
  assert.throws(() => pyCompare(null, null), /'<' not supported between instances of 'NoneType' and 'NoneType'/);
  assert.throws(() => pyCompare({}, {}), /'dict' and 'dict'/);
});

test('type names, truthiness, lower', () => {
  assert.deepEqual([1, 1.5, new PyFloat(2), true, null, 'x', [], {}].map(pyTypeName), [
    'int',
    'float',
    'float',
    'bool',
    'NoneType',
    'str',
    'list',
    'dict',
  ]);
  assert.deepEqual([0, '', [], {}, null, NaN, 'a', [0], { a: 0 }, new PyFloat(0)].map(pyTruthy), [
    false,
    false,
    false,
    false,
    false,
    true,
    true,
    true,
    true,
    false,
  ]);
  assert.equal(pyLower('ÄBC'), 'äbc');
});

test('str and repr print Python forms', () => {
  assert.equal(pyStr(true), 'True');
  assert.equal(pyStr(null), 'None');
  assert.equal(pyStr({ a: 1, b: [1, 'x', null, false] }), "{'a': 1, 'b': [1, 'x', None, False]}");
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\n\'"'), "'a\\n\\'\"'");
  assert.equal(pyStr(new PyFloat(2)), '2.0');
});

test('json.dumps with Python separators and ensure_ascii', () => {
  assert.equal(jsonDumps({ a: [1, true, null], b: 'é\n' }), '{"a": [1, true, null], "b": "\\u00e9\\n"}');
  assert.equal(jsonDumps(new PyFloat(3)), '3.0');
  assert.equal(jsonDumps({ b: 1, a: 2 }, { sortKeys: true, indent: 2 }), '{\n  "a": 2,\n  "b": 1\n}');
});

test('float repr matches CPython', () => {
  const values = [
    0.1,
    1.5,
    1e-5,
    0.0001,
    123456.789,
    1.5e16,
    1e22,
    2.5e-7,
    -0.5,
    1e15 + 0.5,
    3.14159,
    1 / 3,
    1e300,
    1.7976931348623157e308,
  ];
  const py = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys,json\nfor v in json.load(sys.stdin): print(repr(float(v)))'],
    { input: JSON.stringify(values), encoding: 'utf8', timeout: 20000 },
  );
  assert.equal(py.status, 0, `python3 failed: ${py.stderr}`);
  assert.deepEqual(values.map(floatRepr), py.stdout.trim().split('\n'));
});
