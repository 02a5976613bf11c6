// `rules test`: StackStorm's rule tester (`--rule FILE --trigger-instance FILE`, exit 0 match / 1 no
// match) and fixture suites for CI (`rules test [--packs DIR] [--format json] [PATH...]`).
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { loadApp, UsageError } from '../command.ts';
import type { CriterionExplanation } from '../../criteria/index.ts';
import { pyRepr } from '../../python/index.ts';
import type { FixtureResult, RuleTestResult } from '../../app/index.ts';

interface TestFlags {
  rule?: string;
  triggerInstance?: string;
  packs?: string[];
  format: string;
  explain?: boolean;
}

function show(v: unknown): string {
  return v === undefined ? 'None (missing)' : pyRepr(v);
}

/** --explain lines: per criterion key, resolved value, operator, rendered pattern, result, error. */
export function explainLines(items: readonly CriterionExplanation[], indent = '  '): string[] {
  const out: string[] = [];
  for (const e of items) {
    out.push(
      `${indent}${e.result ? 'PASS' : 'FAIL'} ${e.key} ${e.operator ?? '(no type)'} ${'pattern' in e ? show(e.pattern) : ''}  [${e.location}]`,
    );
    if ('value' in e || e.error === undefined) out.push(`${indent}     value: ${show(e.value)}`);
    if (e.error) out.push(`${indent}     error: ${e.error}`);
    e.children?.forEach((row, i) => {
      out.push(`${indent}     element ${i}:`);
      out.push(...explainLines(row, `${indent}       `));
    });
  }
  return out;
}

async function single(flags: TestFlags): Promise<number> {
  if (!flags.rule || !flags.triggerInstance) throw new UsageError('--rule and --trigger-instance go together');
  const { formatDiagnostic, loadDocument, loadPacks, loadRule, packRoots, testRule } = await loadApp();
  // A missing or unreadable file is a usage problem, told in one line (st2-rule-tester: "... does not exist").
  for (const [flag, path] of [
    ['--rule', flags.rule],
    ['--trigger-instance', flags.triggerInstance],
  ] as const) {
    if (!existsSync(path)) throw new UsageError(`${flag} ${path}: no such file`);
    if (!statSync(path).isFile()) throw new UsageError(`${flag} ${path}: not a file`);
  }
  const loaded = await loadRule(flags.rule);
  if (!loaded.rule) {
    for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stdout.write('=== RULE DOES NOT MATCH ===\n');
    return 1;
  }
  const ti = await loadDocument(flags.triggerInstance);
  const doc = ti.value as { trigger?: unknown; payload?: unknown } | undefined;
  if (!doc || typeof doc !== 'object' || typeof doc.trigger !== 'string')
    throw new UsageError(`${flags.triggerInstance}: a trigger instance file is {trigger: <ref>, payload: {...}}`);
  // The rule's action comes from the packs (--packs, RULES_PACKS, else ./packs, plus the built-in core pack), as
  // the server resolves it; their own problems are `rules compile`'s to report.
  const packs = await loadPacks(packRoots(flags.packs));
  const result: RuleTestResult = testRule({
    rule: loaded.rule,
    instance: { trigger: doc.trigger, payload: doc.payload ?? null },
    ruleSet: packs.ruleSet,
  });
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ rule: loaded.rule.ref, ...result }, null, 2)}\n`);
    return result.matched ? 0 : 1;
  }
  const lines: string[] = [];
  if (result.error) lines.push(result.error);
  if (result.note) lines.push(result.note);
  for (const f of result.failures) lines.push(f);
  if (flags.explain) lines.push(`rule ${loaded.rule.ref} (${loaded.rule.file}):`, ...explainLines(result.explanation));
  if (result.matched) {
    lines.push('=== RULE MATCHES ===');
    lines.push(`action: ${loaded.rule.action.ref}`);
    lines.push(`parameters: ${JSON.stringify(result.parameters ?? {}, null, 2)}`);
  } else lines.push('=== RULE DOES NOT MATCH ===');
  process.stdout.write(`${lines.join('\n')}\n`);
  return result.matched ? 0 : 1;
}

function report(results: FixtureResult[], format: string, explain: boolean): string {
  const passed = results.filter((r) => r.pass).length;
  const summary = { passed, failed: results.length - passed };
  if (format === 'json') return `${JSON.stringify({ results, summary }, null, 2)}\n`;
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.pass ? 'PASS' : 'FAIL'} ${r.name} (${r.rule || '?'}) ${r.matched ? 'matched' : 'did not match'}`);
    if (!r.pass || explain) {
      if (r.error) lines.push(...r.error.split('\n').map((l) => `  ${l}`));
      for (const f of r.failures) lines.push(`  ${f}`);
    }
    if (explain && r.explanation) lines.push(...explainLines(r.explanation, '    '));
  }
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** Runs `rules test` with parsed flags; returns the exit code (0 pass / match, 1 fail / no match). */
export async function runTestCommand(paths: string[], flags: TestFlags): Promise<number> {
  if (flags.format !== 'text' && flags.format !== 'json')
    throw new UsageError(`--format must be text or json, not ${flags.format}`);
  if (flags.rule || flags.triggerInstance) {
    if (paths.length) throw new UsageError('fixture paths cannot be combined with --rule/--trigger-instance');
    return single(flags);
  }
  const { fixtureFiles, packRoots, runFixtures } = await loadApp();
  const roots = packRoots(flags.packs);
  let files: string[];
  try {
    files = await fixtureFiles(paths, roots);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (files.length === 0) throw new UsageError('no fixture files found (packs/*/tests/*.yaml)');
  const results = await runFixtures(files, roots, flags.explain ?? false);
  process.stdout.write(report(results, flags.format, flags.explain ?? false));
  return results.every((r) => r.pass) ? 0 : 1;
}

export const testCommand: CliCommand = {
  register(program: Command) {
    program
      .command('test [paths...]')
      .description(
        'test rules: one trigger instance against one rule (--rule, --trigger-instance), or fixture files (default packs/*/tests/*.yaml)',
      )
      .option('--rule <file>', 'rule file (YAML), loaded as st2-rule-tester does (enabled forced true)')
      .option('--trigger-instance <file>', 'trigger instance file {trigger, payload} (YAML or JSON)')
      .option('--packs <dir...>', 'pack roots (default RULES_PACKS or ./packs)')
      .option('--format <format>', 'text or json', 'text')
      .option('--explain', 'per criterion: key, resolved value, operator, rendered pattern, result, error')
      .action(async (paths: string[], flags: TestFlags) => {
        process.exitCode = await runTestCommand(paths, flags);
      });
  },
};
