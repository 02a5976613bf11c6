// Shared setup for the tests that run Python actions: the interpreter is python3 from PATH (RULES_PYTHON to pick
// another), resolved once to its real executable. Missing, the tests are skipped with the reason, except under
// CI=true, where they fail: CI must never silently skip them (.ci/run installs python3 and python3-venv).
import { spawnSync } from 'node:child_process';

function probe(command: string): string | undefined {
  const run = spawnSync(command, ['-c', 'import sys, venv, ensurepip; print(sys.executable)'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const path = run.stdout?.trim();
  return run.status === 0 && path ? path : undefined;
}

/** The real executable of the test interpreter (with venv and ensurepip), or undefined. */
export const PYTHON = probe(process.env['RULES_PYTHON'] ?? 'python3');

/** node:test's `skip` option: false when Python is there, or under CI (the tests then fail in requirePython). */
export const skipWithoutPython: string | false =
  PYTHON || process.env['CI'] === 'true'
    ? false
    : 'python3 with the venv module is not installed (Debian: apt-get install python3 python3-venv)';

export function requirePython(): string {
  if (!PYTHON) throw new Error('CI=true but python3 (with venv and ensurepip) is missing: see .ci/run');
  return PYTHON;
}
