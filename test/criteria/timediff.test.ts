// Dates of timediff_lt / timediff_gt: ISO first, then lenient; naive is UTC; errors as Python's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateValue, pyFloatOf } from '../../src/criteria/timediff.ts';
import { isPyError } from '../../src/python/index.ts';

describe('timediff parsing', () => {
  it('ISO forms, naive as UTC, offsets applied', () => {
    assert.equal(parseDateValue('2014-07-01T00:01:01.000000'), Date.UTC(2014, 6, 1, 0, 1, 1));
    assert.equal(parseDateValue('2014-07-01T02:01:01+02:00'), Date.UTC(2014, 6, 1, 0, 1, 1));
    assert.equal(parseDateValue('2014-07-01 00:01:01Z'), Date.UTC(2014, 6, 1, 0, 1, 1));
    assert.equal(parseDateValue('20140701T000101'), Date.UTC(2014, 6, 1, 0, 1, 1));
  });
  it('lenient forms (RFC 2822) and a ParserError for garbage', () => {
    assert.equal(parseDateValue('Tue, 01 Jul 2014 00:01:01 GMT'), Date.UTC(2014, 6, 1, 0, 1, 1));
    assert.throws(
      () => parseDateValue('not a date'),
      (e: unknown) => isPyError(e, 'ParserError'),
    );
  });
  it('float() of the period', () => {
    assert.equal(pyFloatOf('10'), 10);
    assert.equal(pyFloatOf(' 1.5 '), 1.5);
    assert.equal(pyFloatOf(true), 1);
    assert.throws(
      () => pyFloatOf('ten'),
      (e: unknown) => isPyError(e, 'ValueError'),
    );
    assert.throws(
      () => pyFloatOf([1]),
      (e: unknown) => isPyError(e, 'TypeError'),
    );
  });
});
