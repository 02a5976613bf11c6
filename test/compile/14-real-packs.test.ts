// Issue 14, done when: StackStorm's own packs and Exchange packs as published (../shared/real-packs: st2's contrib
// packs core, packs, linux, examples, chatops, hello_st2, debug, default and the Exchange's github, email, sensu,
// napalm, bitbucket, st2, jira), which StackStorm 3.x registers without an error (`st2ctl reload --register-all`:
// st2common/bootstrap/{actionsregistrar,rulesregistrar,sensorsregistrar}.py), compile with no error through the
// real CLI, exactly as a CI job runs it; every warning left is one that points at a real problem of the pack or at
// what this runtime does not run. And the compiler still catches real defects in those packs: a mutated copy of a
// real pack gets the right code at the right file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compilePacks } from '../../src/compile/index.ts';
import { sharedDir } from '../shared-dir.ts';

const shared = sharedDir();
const realPacks = shared ? join(shared, 'real-packs') : undefined;
const skip = realPacks && existsSync(realPacks) ? false : 'needs ../shared/real-packs (StackStorm packs as published)';
if (skip && process.env['CI'] === 'true') throw new Error(`CI: ${skip}`);
const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const run = promisify(execFile);

interface Report {
  diagnostics: Array<{ code: string; severity: string; file: string; line: number; message: string }>;
  summary: { errors: number; warnings: number; files: number };
}

/** Every pack directory of the folder (a directory with a pack.yaml), as StackStorm's pack loader finds them. */
const packDirs = (root: string) => readdirSync(root).filter((name) => existsSync(join(root, name, 'pack.yaml')));
const yamlFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')) : [];

/** `rules compile`, the way a CI job calls it; a non-zero exit is returned, not thrown. */
async function compile(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, 'compile', ...args], { timeout: 300_000, maxBuffer: 64 << 20 });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: Number(err.code ?? -1), stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

// What may remain, each a real problem: shell commands of example rules that interpolate trigger data unquoted (an
// injection risk), the slack pack's action called by the examples pack without slack among the packs (StackStorm
// registers the rule and fails it at run time, st2reactor/rules/enforcer.py _do_enforce), and rules whose action
// runs on a StackStorm runner this runtime does not execute (orquesta, action-chain).
const ALLOWED = new Set([
  'RULES_W_ACTION_CMD_UNQUOTED',
  'RULES_W_ACTION_PACK_NOT_LOADED',
  'RULES_W_ACTION_RUNNER_NOT_EXECUTABLE',
]);

test(
  'rules compile --check --no-cache over every real pack exits 0 with no error, in both formats',
  { skip },
  async () => {
    const root = realPacks ?? '';
    const [json, text] = await Promise.all([
      compile(['--check', '--format', 'json', '--no-cache', '--packs', root]),
      compile(['--check', '--no-cache', '--packs', root]),
    ]);
    assert.equal(json.status, 0, json.stdout + json.stderr);
    assert.equal(text.status, 0, text.stdout + text.stderr);
    assert.match(text.stdout + text.stderr, /\b0 errors, \d+ warnings in \d+ files/);
    const report = JSON.parse(json.stdout) as Report;
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.equal(report.summary.errors, 0);
    assert.ok(report.summary.files > 300, `only ${report.summary.files} files read`);
    for (const d of report.diagnostics) assert.ok(ALLOWED.has(d.code), `${d.code} ${d.file}:${d.line}: ${d.message}`);
    const missing = report.diagnostics.filter((d) => d.code === 'RULES_W_ACTION_PACK_NOT_LOADED');
    assert.deepEqual(
      missing.map((d) => d.file.slice(root.length + 1)),
      ['examples/rules/notify_inquiry.yaml', 'examples/rules/notify_slack.yaml'],
    );
    assert.ok(missing.every((d) => d.message.includes('pack "slack"')));
    // Every rule calling an orquesta or action-chain action is told, once, and nothing else is.
    const notExecutable = report.diagnostics.filter((d) => d.code === 'RULES_W_ACTION_RUNNER_NOT_EXECUTABLE');
    assert.equal(notExecutable.length, 6, notExecutable.map((d) => d.file).join('\n'));
    assert.ok(notExecutable.every((d) => /"(orquesta|action-chain)" runner/.test(d.message)));
  },
);

test('every pack of the folder is loaded: its rules, its actions and its sensors trigger types', { skip }, async () => {
  const root = realPacks ?? '';
  const out = await compilePacks({ roots: [root] });
  assert.deepEqual(
    out.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const dirs = packDirs(root);
  assert.equal(dirs.length, 15);
  assert.deepEqual(out.packs.map((p) => p.ref).sort(), [...dirs].sort());
  for (const pack of dirs) {
    const rules = yamlFiles(join(root, pack, 'rules'));
    assert.equal(out.rules.filter((r) => r.pack === pack).length, rules.length, `rules of ${pack}`);
    // core and packs merge over the built-in definitions, which carry the same actions.
    const actions = yamlFiles(join(root, pack, 'actions'));
    assert.equal(out.actions.filter((a) => a.pack === pack).length, actions.length, `actions of ${pack}`);
    const sensors = yamlFiles(join(root, pack, 'sensors'));
    if (sensors.length > 0)
      assert.ok(
        out.triggerTypes.some((t) => t.pack === pack),
        `trigger types of ${pack}'s sensors`,
      );
  }
});

/** One defect put into a copy of a real pack, and the one error StackStorm's registration gives it. */
interface Mutation {
  pack: string;
  file: string;
  from: string;
  to: string;
  code: string;
  line: number;
  why: string;
  /** Packs copied with it, whose trigger types its rules use. */
  with?: string[];
}

const MUTATIONS: Mutation[] = [
  {
    pack: 'email',
    file: 'rules/sample.emailsample.yaml',
    from: 'type: email.imap.message',
    to: 'type: email.imap.mesage',
    code: 'RULES_E_RULE_UNKNOWN_TRIGGER_TYPE',
    line: 7,
    why: 'a sensor trigger type misspelt',
  },
  {
    pack: 'email',
    file: 'rules/sample.emailsample.yaml',
    from: '    type: contains',
    to: '    type: containz',
    code: 'RULES_E_CRITERIA_UNKNOWN_OPERATOR',
    line: 12,
    why: 'st2common/models/api/rule.py validates criteria operators',
  },
  {
    pack: 'email',
    file: 'rules/sample.emailsample.yaml',
    from: "    subject: 'Email Received'",
    to: "    subject: 'Email Received'\n    subjet: typo",
    code: 'RULES_E_ACTION_PARAMETER_UNKNOWN',
    line: 20,
    why: "core.sendmail's parameters (additionalProperties false in st2common/util/action_db.py)",
  },
  {
    pack: 'github',
    file: 'actions/add_comment.yaml',
    from: 'runner_type: "python-script"',
    to: 'runner_type: "mistral-v2"',
    code: 'RULES_E_ACTION_RUNNER_REMOVED',
    line: 3,
    why: 'mistral-v2 was removed in StackStorm 3.3',
  },
  {
    pack: 'github',
    file: 'actions/add_comment.yaml',
    from: 'runner_type: "python-script"',
    to: 'runner_type: "python-scrip"',
    code: 'RULES_E_ACTION_RUNNER_UNKNOWN',
    line: 3,
    why: 'actionsregistrar: RunnerType not found',
  },
  {
    pack: 'github',
    file: 'rules/deploy_pack_on_deployment_event.yaml',
    from: 'ref: "github.deployment_event"',
    to: 'ref: "github.deployment_evnt"',
    code: 'RULES_E_ACTION_NOT_FOUND',
    line: 18,
    why: 'an action of the pack itself misspelt',
  },
  {
    pack: 'examples',
    file: 'rules/sample_rule_with_timer.yaml',
    from: 'unit: seconds',
    to: 'unit: fortnights',
    code: 'RULES_E_TRIGGER_PARAMETERS_INVALID',
    line: 10,
    with: ['linux'],
    why: "IntervalTimer's parameters_schema (st2common/constants/triggers.py)",
  },
  {
    pack: 'email',
    file: 'rules/sample.emailsample.yaml',
    from: '    to: janedoe@gmail.com',
    to: '    to: janedoe@gmail.com\n    to: johndoe@gmail.com',
    code: 'RULES_E_YAML_DUPLICATE_KEY',
    line: 18,
    why: 'a duplicate key, still reported',
  },
];

test('a defect put into a copy of a real pack gets its code at its file and line', { skip }, async () => {
  const root = realPacks ?? '';
  for (const m of MUTATIONS) {
    const dir = await mkdtemp(join(tmpdir(), 'rules-real-mutated-'));
    try {
      // The packs whose trigger types its rules use are copied with it, so only the defect can be reported.
      for (const pack of [m.pack, ...(m.with ?? [])]) await cp(join(root, pack), join(dir, pack), { recursive: true });
      const path = join(dir, m.pack, m.file);
      const original = await readFile(path, 'utf8');
      assert.ok(original.includes(m.from), `${m.file} no longer holds ${m.from}`);
      const clean = await compilePacks({ roots: [dir] });
      assert.deepEqual(
        clean.diagnostics.filter((d) => d.severity === 'error'),
        [],
        `${m.pack} alone`,
      );
      await writeFile(path, original.replace(m.from, m.to));
      const out = await compilePacks({ roots: [dir] });
      const errors = out.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code} ${d.file.slice(dir.length + 1)}:${d.line}`);
      assert.deepEqual(errors, [`${m.code} ${m.pack}/${m.file}:${m.line}`], m.why);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});
