// Issue 14, point 10: timediff_lt / timediff_gt read the value as StackStorm does (st2common/operators.py _timediff
// → st2common/util/date.py parse: ciso8601.parse_datetime, else dateutil.parser.parse(str(value))). A string that is
// not a date (month 13, day 45) raises there and the criterion is false, not a match on a rolled-over date; a
// number is what dateutil makes of str(number). Differential test against Debian's python3-dateutil and
// python3-ciso8601 under /usr/bin/python3 on a generated corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseDateValue } from '../../src/criteria/timediff.ts';
import { operatorsByCanonical } from '../../src/criteria/operators/index.ts';
import { isPyError } from '../../src/python/index.ts';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import ciso8601, dateutil.parser'], { encoding: 'utf8' });
const missing =
  probe.status === 0 ? false : "needs Debian's python3-dateutil and python3-ciso8601 for /usr/bin/python3";
if (missing && process.env['CI'] === 'true') throw new Error(`CI: ${missing}`);

function corpus(): unknown[] {
  const out: unknown[] = [];
  const dates = [
    '2014-07-01',
    '2014-7-1',
    '20140701',
    '2014-13-01',
    '2014-02-29',
    '2016-02-29',
    '2014-07-45',
    '2014-00-10',
  ];
  const times = ['', 'T00:01:01', ' 10:30', 'T10:30:15.123456', 'T24:00', 'T24:00:01', 'T10:00:60', 'T25:00', 'T10:61'];
  const zones = ['', 'Z', '+02:00', '-0530', '+02', ' UTC', ' GMT', ' +02:00'];
  for (const d of dates)
    for (const t of times) for (const z of zones) if (t !== '' || z === '') out.push(`${d}${t}${z}`);
  out.push(
    'Tue, 01 Jul 2014 00:01:01 GMT',
    'Tue, 01 Jul 2014 00:01:01 +0000',
    'July 1 2014',
    '1 July 2014',
    '1st of July 2014',
    'Jul 1, 2014 10:30 PM',
    '31 Dec 2014 23:59',
    '12/31/2014',
    '31/12/2014',
    '01/02/03',
    '2014.07.01',
    '3.5.2014',
    'Jan 5',
    'Feb 2014',
    '10:30',
    '7 PM',
    '12 am',
    'tomorrow',
    'not a date',
    '',
    '   ',
    '2014-07-01 EST 10:00',
    'May 45 2014',
    'Feb 30 2016',
  );
  out.push(5, 12, 31, 32, 0, 99, 100, 2014, 12345, 123456, 20141231, 1400000000, 5.5, -5, true, false, null);
  out.push('5', '32', '2014', '20141231', '99');
  return out;
}

test('timediff dates: the same instant or the same refusal as ciso8601 then dateutil', { skip: missing }, () => {
  const values = corpus();
  const now = new Date();
  const py = spawnSync(PYTHON, [fileURLToPath(new URL('./dates-harness.py', import.meta.url))], {
    input: JSON.stringify({ default: [now.getFullYear(), now.getMonth() + 1, now.getDate()], values }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(py.status, 0, py.stderr);
  const expected = JSON.parse(py.stdout) as Array<{ ms?: number; error?: string }>;
  const mismatches: string[] = [];
  values.forEach((value, i) => {
    const want = expected[i];
    let got: { ms?: number; error?: string };
    try {
      got = { ms: parseDateValue(value, now) };
    } catch (e) {
      if (!isPyError(e)) throw e;
      got = { error: 'error' };
    }
    const same = want?.error !== undefined ? got.error !== undefined : got.ms === want?.ms;
    if (!same) mismatches.push(`${JSON.stringify(value)}: python ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
  });
  assert.ok(values.length > 400, `corpus of ${values.length}`);
  assert.deepEqual(mismatches, []);
});

test('timediff_gt on a date that is not one is false (an error), not a match on a rolled-over date', () => {
  const gt = operatorsByCanonical['timediff_gt'];
  assert.ok(gt);
  // Month 13 / day 45 would roll over to 2015 / August in JavaScript's Date and "match".
  for (const value of ['2014-13-01T00:00:00', '2014-07-45', 'May 45 2014']) {
    assert.throws(
      () => gt.interpret(value, 60),
      (e: unknown) => isPyError(e),
      value,
    );
  }
  assert.equal(gt.interpret('2014-07-01T00:00:00', 60), true);
  // A number is dateutil's reading of its digits: 2014 is this month and day in 2014, long ago.
  assert.equal(gt.interpret(2014, 60), true);
  // 12345 is no year dateutil accepts.
  assert.throws(() => gt.interpret(12345, 60));
});
