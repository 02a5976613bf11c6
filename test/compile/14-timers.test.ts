// Issue 14, point 8: timer parameters checked as StackStorm does. CronTimer: validate_trigger_parameters
// (st2common/validators/api/reactor.py) validates against CRON_PARAMETERS_SCHEMA (st2common/constants/triggers.py)
// then builds APScheduler's CronTrigger(**parameters), refusing what it refuses: a differential test against
// Debian's python3-apscheduler on a generated corpus (same acceptance, same message), and StackStorm's own
// fixtures with invalid values (st2tests/fixtures/generic/rules/cron_timer_rule_invalid_parameters*.yaml,
// date_timer_rule_invalid_parameters.yaml) refused. IntervalTimer units and DateTimer dates as the timer service
// reads them (st2reactor/timer/base.py _add_job_to_scheduler); time zones as pytz knows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRON_FIELDS, cronFieldError, timezoneError } from '../../src/compile/cron.ts';
import { compilePacks } from '../../src/compile/index.ts';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import apscheduler, pytz'], { encoding: 'utf8' });
const missing = probe.status === 0 ? false : "needs Debian's python3-apscheduler and python3-tz for /usr/bin/python3";
if (missing && process.env['CI'] === 'true') throw new Error(`CI: ${missing}`);

function corpus(): Array<{ field: string; value: unknown }> {
  const exprs = [
    '*',
    '*/0',
    '*/1',
    '*/5',
    '*/23',
    '*/52',
    '*/53',
    '*/59',
    '*/60',
    '**',
    '',
    ',',
    ' ',
    '1,,2',
    '0',
    '1',
    '5',
    '07',
    '12',
    '13',
    '23',
    '24',
    '31',
    '32',
    '53',
    '54',
    '59',
    '60',
    '1969',
    '1970',
    '2030',
    '9999',
    '10000',
    '-1',
    '-5',
    '5-',
    '1-5',
    '5-1',
    '5-5',
    '0-59',
    '1-3/2',
    '0-59/60',
    '0/5',
    '70/5',
    '5/0',
    '1, 2',
    ' 5 ',
    '*/5,10',
    '1-5,7',
    'jan',
    'JAN',
    'jan-mar',
    'mar-jan',
    'jan-mar/2',
    'january',
    'janx',
    'jan-13',
    '1-jan',
    'jan,feb',
    'dec',
    'mon',
    'MON',
    'mon-fri',
    'fri-mon',
    'sun',
    'mon-fri/2',
    'mon,wed',
    'abcdef',
    'a-1',
    'last mon',
    'mon-',
    'last',
    'LAST',
    'lastx',
    'last-1',
    '2nd fri',
    '2nd  fri',
    '5th sun',
    '6th sun',
    'last fri',
    'last 1',
    'first mon',
    '1st mon,15',
    'x',
    '1.5',
    '+5',
    '0x10',
    '٣',
  ];
  const out: Array<{ field: string; value: unknown }> = [];
  for (const field of CRON_FIELDS) for (const value of exprs) out.push({ field, value });
  for (const field of CRON_FIELDS)
    for (const value of [0, 1, 6, 7, 12, 13, 23, 24, 31, 32, 53, 59, 60, 1970, 2030, -1]) out.push({ field, value });
  for (const tz of ['UTC', 'utc', 'Europe/Paris', 'US/Eastern', 'EST', 'Etc/GMT+5', 'Mars/Base', '+05:00', 'Z', ''])
    out.push({ field: 'timezone', value: tz });
  return out;
}

test(
  'CronTimer fields: APScheduler’s acceptance and message for every expression of the corpus',
  { skip: missing },
  () => {
    const cases = corpus();
    const py = spawnSync(PYTHON, [fileURLToPath(new URL('./cron-harness.py', import.meta.url))], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(py.status, 0, py.stderr);
    const expected = JSON.parse(py.stdout) as Array<{ ok?: true; error?: string }>;
    const mismatches: string[] = [];
    cases.forEach(({ field, value }, i) => {
      const want = expected[i]!;
      const got =
        field === 'timezone' ? timezoneError(value) : cronFieldError(field as (typeof CRON_FIELDS)[number], value);
      if (field === 'timezone' ? (got === undefined) !== (want.ok === true) : got !== want.error)
        mismatches.push(`${field}=${JSON.stringify(value)}: apscheduler ${JSON.stringify(want)}, ours ${String(got)}`);
    });
    assert.ok(cases.length > 800, `corpus of ${cases.length}`);
    assert.deepEqual(mismatches, []);
  },
);

const RULE = (name: string, type: string, params: string) =>
  `name: ${name}\nenabled: true\ntrigger:\n  type: ${type}\n  parameters: ${params}\naction: {ref: core.noop}\n`;

test("StackStorm's timer fixtures: the invalid ones refused, valid schedules accepted", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-timers-'));
  const rules: Record<string, string> = {
    // st2tests/fixtures/generic/rules/cron_timer_rule_invalid_parameters{,_1,_2,_3}.yaml, date_timer_rule_...
    bad_field: RULE('bad_field', 'core.st2.CronTimer', '{minutex: 0, second: 0}'),
    bad_1: RULE('bad_1', 'core.st2.CronTimer', '{day_of_week: 1000}'),
    bad_2: RULE('bad_2', 'core.st2.CronTimer', '{day_of_week: abcdef}'),
    bad_3: RULE('bad_3', 'core.st2.CronTimer', '{day_of_week: a-1}'),
    no_date: RULE('no_date', 'core.st2.DateTimer', '{}'),
    bad_date: RULE('bad_date', 'core.st2.DateTimer', "{date: '2014-02-30 10:00:00'}"),
    bad_zone: RULE('bad_zone', 'core.st2.IntervalTimer', '{unit: seconds, delta: 5, timezone: Mars/Base}'),
    bad_unit: RULE('bad_unit', 'core.st2.IntervalTimer', '{unit: milliseconds, delta: 5}'),
    // Valid: st2's cron_timer_rule_1.yaml and what StackStorm's documentation shows.
    cron_ok: RULE(
      'cron_ok',
      'core.st2.CronTimer',
      "{timezone: UTC, minute: '*/5', hour: '9-17', day_of_week: mon-fri}",
    ),
    cron_ok2: RULE('cron_ok2', 'core.st2.CronTimer', "{day: 'last fri', month: 'jan,jul', second: 0}"),
    interval_ok: RULE('interval_ok', 'core.st2.IntervalTimer', '{unit: minutes, delta: 30, timezone: Europe/Paris}'),
    date_ok: RULE('date_ok', 'core.st2.DateTimer', "{timezone: UTC, date: '2030-12-31 23:59:59'}"),
  };
  try {
    await mkdir(join(dir, 'timer_rules', 'rules'), { recursive: true });
    await writeFile(
      join(dir, 'timer_rules', 'pack.yaml'),
      'name: timer_rules\ndescription: d\nversion: 0.1.0\nauthor: a\n',
    );
    for (const [name, text] of Object.entries(rules))
      await writeFile(join(dir, 'timer_rules', 'rules', `${name}.yaml`), text);
    const out = await compilePacks({ roots: [dir] });
    const refused = new Set(
      out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file.replace(/^.*\/|\.yaml$/g, '')),
    );
    assert.deepEqual([...refused].sort(), [
      'bad_1',
      'bad_2',
      'bad_3',
      'bad_date',
      'bad_field',
      'bad_unit',
      'bad_zone',
      'no_date',
    ]);
    for (const d of out.diagnostics) assert.match(d.code, /^RULES_E_TRIGGER_PARAMETERS_/);
  } finally {
    await rm(dir, { recursive: true });
  }
});
