// `rules test` end to end: the shared case tables as generated fixture files (through the fixture
// runner and the real CLI), and st2-rule-tester's single-rule form with its exit codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFixtures } from '../../src/app/index.ts';
import { decodeCaseValue, operatorCases, ruleCases, searchCaseCriteria } from '../criteria/helpers.ts';

const bin = new URL('../../src/cli/bin.js', import.meta.url).pathname;
let dir: string;

function rule(name: string, criteria: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name,
    pack: 'cases',
    trigger: { type: 'core.st2.webhook', parameters: { url: 'cases' } },
    criteria,
    action: { ref: 'core.noop' },
    ...extra,
  };
}

interface Fixture {
  file: string;
  expected: boolean;
  /** A rule StackStorm accepts but we refuse at compile time: the fixture fails with this code as its error. */
  compileError?: string;
  /** The payload holds "now" at writing time (timediff cases): run in-process only, see below. */
  clock?: boolean;
  /** Writes the file again (a clock fixture: with a fresh "now"). */
  rewrite: () => Promise<void>;
}

const fixtures: Fixture[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rules-test-'));
  await mkdir(join(dir, 'fixtures'));
  await mkdir(join(dir, 'refused'));
  await mkdir(join(dir, 'clock'));
  let n = 0;
  const write = async (
    doc: Record<string, unknown> | (() => Record<string, unknown>),
    expected: boolean,
    compileError?: string,
    clock = false,
  ): Promise<void> => {
    const folder = compileError ? 'refused' : clock ? 'clock' : 'fixtures';
    const file = join(dir, folder, `case-${String(n++).padStart(4, '0')}.json`);
    const rewrite = (): Promise<void> => writeFile(file, JSON.stringify(typeof doc === 'function' ? doc() : doc));
    await rewrite();
    fixtures.push({ file, expected, compileError, clock, rewrite });
  };
  for (const c of operatorCases) {
    if (c.kind === 'get_operator') continue; // a name lookup, not a rule: covered by test/criteria/cases.test.ts
    const pattern = decodeCaseValue(c.pattern);
    const criteria =
      c.kind === 'search' ? searchCaseCriteria({ ...c, pattern }) : { 'trigger.value': { type: c.op, pattern } };
    const expected = typeof c.expected === 'boolean' ? c.expected : false;
    // An unknown search condition is an error st2 only finds at match time; we refuse the rule.
    const compileError =
      c.kind === 'search' &&
      typeof c.condition === 'string' &&
      !['any', 'all', 'any2any', 'all2any'].includes(c.condition)
        ? 'RULES_E_CRITERIA_SEARCH_CONDITION'
        : undefined;
    await write(
      // A function: the value is decoded when the file is written ("now" of the timediff cases).
      () => ({
        name: `${c.test} ${c.op}`,
        rule: rule('op', criteria),
        trigger_instance: { trigger: 'core.st2.webhook', payload: { value: decodeCaseValue(c.value) } },
        expect: { match: expected },
      }),
      expected,
      compileError,
      // "now" when written, compared with a 10 s window: a CLI that starts later on a loaded machine would see
      // the window closed. The in-process runner below runs them at once; the CLI run leaves them out.
      JSON.stringify(c.value).includes('$now'),
    );
  }
  for (const c of ruleCases) {
    if (c.kind === 'action_parameters') continue;
    const datastore = { system: c.datastore_mock ?? c.datastore ?? {} };
    if (c.kind === 'rule_set') {
      // The tester evaluates one rule on its own (no backstop pass), so each rule is expected to match
      // when its own criteria do; the two-pass set semantics are covered in test/criteria/cases.test.ts.
      for (const r of c.rules ?? []) {
        const expected =
          r.type === 'backstop'
            ? Object.keys(r.criteria).length === 0
            : (c.expected_matching_rules ?? []).includes(r.name);
        await write(
          {
            name: `${c.test} ${r.name}`,
            rule: rule(r.name, r.criteria, { type: { ref: r.type } }),
            trigger_instance: { trigger: 'core.st2.webhook', payload: c.trigger_instance_payload },
            datastore,
            expect: { match: expected },
          },
          expected,
        );
      }
      continue;
    }
    // The tester forces enabled; a disabled case is the enabled rule's evaluation negated by `enabled`,
    // so its fixture expects what the enabled rule does: the same criteria without the disabled flag.
    if (c.rule_enabled === false) continue;
    await write(
      {
        name: c.test,
        rule: rule('r', c.rule_criteria ?? {}),
        trigger_instance: { trigger: 'core.st2.webhook', payload: c.trigger_instance_payload },
        datastore,
        expect: { match: c.expected_match },
      },
      c.expected_match ?? false,
    );
  }
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('case tables as fixtures', () => {
  it('every generated fixture passes through the fixture runner', async () => {
    assert.ok(fixtures.length > 200, `only ${fixtures.length} fixtures`);
    const timeless = fixtures.filter((f) => f.clock !== true);
    const clock = fixtures.filter((f) => f.clock === true);
    assert.ok(clock.length > 0, 'the timediff cases are exercised');
    // The timediff cases compare "now" at writing time with a 10 s window: they are written again just before
    // their run, and a run that took 9 s or more on a loaded machine says nothing and is redone (at most 5 times).
    let clockResults: Awaited<ReturnType<typeof runFixtures>> | undefined;
    for (let attempt = 0; attempt < 5 && clockResults === undefined; attempt += 1) {
      await Promise.all(clock.map((f) => f.rewrite()));
      const started = Date.now();
      const results = await runFixtures(
        clock.map((f) => f.file),
        [],
      );
      if (Date.now() - started < 9_000) clockResults = results;
    }
    assert.ok(clockResults, 'the timediff fixtures never ran within 9 s of being written (5 attempts)');
    const results = [
      ...(await runFixtures(
        timeless.map((f) => f.file),
        [],
      )),
      ...clockResults,
    ];
    [...timeless, ...clock].forEach((f, i) => {
      const r = results[i]!;
      assert.equal(r.matched, f.expected, r.name);
      if (f.compileError) {
        assert.equal(r.pass, false, r.name);
        assert.match(r.error ?? '', new RegExp(f.compileError), r.name);
      } else assert.equal(r.pass, true, `${r.name}: ${r.error ?? ''} ${r.failures.join('; ')}`);
    });
    assert.ok(
      fixtures.some((f) => f.compileError),
      'the refused case is exercised',
    );
  });

  it('the CLI runs the fixture directory with --format json and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, 'test', '--format', 'json', join(dir, 'fixtures')], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      results: Array<{ file: string; name: string; rule: string; matched: boolean; pass: boolean; failures: string[] }>;
      summary: { passed: number; failed: number };
    };
    assert.equal(doc.summary.failed, 0);
    assert.equal(doc.summary.passed, fixtures.filter((f) => !f.compileError && f.clock !== true).length);
    assert.equal(doc.results[0]?.rule, 'cases.op');
  });
});

describe('rules test fixtures', () => {
  it('a failing expectation exits 1 and reports StackStorm failure reasons in JSON', async () => {
    const file = join(dir, 'wrong.yaml');
    await writeFile(
      file,
      [
        'name: wrong',
        'rule:',
        '  name: lt',
        '  pack: p',
        '  trigger: {type: core.st2.webhook, parameters: {url: x}}',
        '  criteria:',
        '    trigger.num: {type: lessthan, pattern: "5"}',
        '  action: {ref: core.noop}',
        'trigger_instance: {trigger: core.st2.webhook, payload: {num: 3}}',
        'expect: {match: true}',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [bin, 'test', '--format', 'json', file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 1);
    const doc = JSON.parse(r.stdout) as {
      results: Array<{ pass: boolean; failures: string[] }>;
      summary: { failed: number };
    };
    assert.equal(doc.summary.failed, 1);
    assert.match(
      doc.results[0]!.failures[0]!,
      /^Failed to match rule "p\.lt" against trigger instance "rule-tester": There might be a problem with the criteria in rule p\.lt: '<' not supported between instances of 'int' and 'str'$/,
    );
  });

  it('expected parameters are compared with the rendered ones; a rule file path is resolved next to the fixture', async () => {
    await writeFile(
      join(dir, 'r.yaml'),
      [
        'name: hook',
        'pack: p',
        'trigger: {type: core.st2.webhook, parameters: {url: x}}',
        'criteria:',
        '  trigger.body.action: {type: equals, pattern: opened}',
        'action:',
        '  ref: core.local',
        '  parameters: {cmd: "echo {{ trigger.body.number }}"}',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'params.yaml');
    await writeFile(
      file,
      [
        'rule: ./r.yaml',
        'trigger_instance: {trigger: core.st2.webhook, payload: {body: {action: opened, number: 7}}}',
        // As the server finalizes them: core.local's runner defaults included (issue 14 point 9).
        "expect: {match: true, parameters: {cmd: echo 7, kwarg_op: '--', sudo: false, sudo_password: null, timeout: 60}}",
        '',
      ].join('\n'),
    );
    const [ok] = await runFixtures([file], []);
    assert.equal(ok?.pass, true, JSON.stringify(ok));
    assert.deepEqual(ok?.parameters, { cmd: 'echo 7', kwarg_op: '--', sudo: false, sudo_password: null, timeout: 60 });
    await writeFile(
      file,
      [
        'rule: ./r.yaml',
        'trigger_instance: {trigger: core.st2.webhook, payload: {body: {action: opened, number: 7}}}',
        'expect: {match: true, parameters: {cmd: echo 8}}',
        '',
      ].join('\n'),
    );
    const [bad] = await runFixtures([file], []);
    assert.equal(bad?.pass, false);
    assert.match(bad?.failures.join('\n') ?? '', /parameters differ/);
  });

  it('a rule that does not compile reports its diagnostics as the error', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(
      file,
      [
        'rule:',
        '  name: b',
        '  trigger: {type: core.st2.webhook}',
        '  criteria:',
        '    trigger.body.0: {type: equals, pattern: x}',
        '  action: {ref: core.noop}',
        'trigger_instance: {trigger: core.st2.webhook, payload: {body: {}}}',
        'expect: {match: false}',
        '',
      ].join('\n'),
    );
    const [r] = await runFixtures([file], []);
    assert.equal(r?.pass, false);
    assert.match(r?.error ?? '', /RULES_E_CRITERIA_KEY_SYNTAX/);
  });

  it('an unknown --format is a usage error (exit 2)', () => {
    const r = spawnSync(process.execPath, [bin, 'test', '--format', 'xml', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 2);
  });
});

describe('st2-rule-tester form', () => {
  it('a missing --rule or --trigger-instance file is a one-line usage error, never a stack trace', async () => {
    const ti = join(dir, 'ti-missing-rule.json');
    await writeFile(ti, JSON.stringify({ trigger: 'core.st2.webhook', payload: {} }));
    for (const [args, message] of [
      [
        ['--rule', join(dir, 'nope.yaml'), '--trigger-instance', ti],
        `rules: --rule ${join(dir, 'nope.yaml')}: no such file\n`,
      ],
      [['--rule', dir, '--trigger-instance', ti], `rules: --rule ${dir}: not a file\n`],
      [
        ['--rule', ti, '--trigger-instance', join(dir, 'nope.json')],
        `rules: --trigger-instance ${join(dir, 'nope.json')}: no such file\n`,
      ],
    ] as const) {
      const r = spawnSync(process.execPath, [bin, 'test', ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, message);
    }
  });

  it('prints === RULE MATCHES === with the parameters and exits 0, or DOES NOT MATCH with exit 1', async () => {
    const ruleFile = join(dir, 'rule.yaml');
    await writeFile(
      ruleFile,
      [
        'name: irc',
        'pack: chatops',
        'trigger: {type: irc.pubmsg}',
        'criteria:',
        '  trigger.message: {type: icontains, pattern: StackStorm}',
        'action:',
        '  ref: core.local',
        '  parameters: {cmd: "echo {{ trigger.source.nick }}"}',
        '',
      ].join('\n'),
    );
    const ti1 = join(dir, 'ti1.yaml');
    await writeFile(
      ti1,
      [
        'trigger: irc.pubmsg',
        'payload:',
        '  source: {nick: Kami_}',
        '  channel: "#stackstorm"',
        '  timestamp: 1419166748,',
        '  message: stackstorm is cool!',
        '',
      ].join('\n'),
    );
    const ti2 = join(dir, 'ti2.json');
    await writeFile(ti2, JSON.stringify({ trigger: 'irc.pubmsg', payload: { message: 'blah blah' } }));
    const yes = spawnSync(process.execPath, [bin, 'test', '--rule', ruleFile, '--trigger-instance', ti1], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(yes.status, 0, yes.stderr);
    assert.match(yes.stdout, /=== RULE MATCHES ===/);
    assert.match(yes.stdout, /"cmd": "echo Kami_"/);
    const no = spawnSync(process.execPath, [bin, 'test', '--rule', ruleFile, '--trigger-instance', ti2, '--explain'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(no.status, 1);
    assert.match(no.stdout, /=== RULE DOES NOT MATCH ===/);
    assert.match(no.stdout, /FAIL trigger\.message icontains 'StackStorm'/);
    assert.match(no.stdout, /value: 'blah blah'/);
  });
});

describe('fixture schema', () => {
  it('a fixture with an unknown key or a missing expect is reported against rules/schema/rule-test.schema.json', async () => {
    const file = join(dir, 'invalid.yaml');
    await writeFile(
      file,
      ['rule: p.r', 'trigger_instance: {trigger: core.st2.webhook, payload: {}}', 'expected: {match: true}', ''].join(
        '\n',
      ),
    );
    const [r] = await runFixtures([file], []);
    assert.equal(r?.pass, false);
    assert.match(r?.error ?? '', /rule-test\.schema\.json.*must have required property 'expect'/);
    assert.match(r?.error ?? '', /additional properties \(expected\)/);
  });
});

describe('pack fixtures by rule ref', () => {
  it('`rules test --packs DIR` runs packs/*/tests/*.yaml against compiled packs, with --explain', async () => {
    const root = join(dir, 'packs');
    await mkdir(join(root, 'demo', 'rules'), { recursive: true });
    await mkdir(join(root, 'demo', 'tests'), { recursive: true });
    await writeFile(
      join(root, 'demo', 'pack.yaml'),
      ['ref: demo', 'name: demo', 'description: d', 'version: 0.1.0', 'author: t', ''].join('\n'),
    );
    await writeFile(
      join(root, 'demo', 'rules', 'hook.yaml'),
      [
        'name: hook',
        'pack: demo',
        'enabled: true',
        'trigger: {type: core.st2.webhook, parameters: {url: demo}}',
        'criteria:',
        '  trigger.body.key1: {type: equals, pattern: value1}',
        'action: {ref: core.noop}',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(root, 'demo', 'tests', 'yes.yaml'),
      [
        'name: yes fires',
        'rule: demo.hook',
        'trigger_instance: {trigger: core.st2.webhook, payload: {body: {key1: value1}}}',
        'expect: {match: true}',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(root, 'demo', 'tests', 'no.yaml'),
      [
        'name: other value',
        'rule: demo.hook',
        'trigger_instance: {trigger: core.st2.webhook, payload: {body: {key1: other}}}',
        'expect: {match: false}',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [bin, 'test', '--packs', root, '--explain'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS yes fires \(demo\.hook\) matched/);
    assert.match(r.stdout, /PASS other value \(demo\.hook\) did not match/);
    assert.match(r.stdout, /FAIL trigger\.body\.key1 equals 'value1'/);
    assert.match(r.stdout, /value: 'other'/);
    assert.match(r.stdout, /2 passed, 0 failed/);
  });
});
