// The stand-in for a runner type StackStorm has and this runtime does not execute (rules/executable-runners.yaml):
// the rule is enforced and its execution recorded as StackStorm would, then the execution fails at once saying
// which runner it needed. Nothing runs, so there is nothing a crash could leave half done (`sideEffects: false`).
import type { RunnerDefinition } from './types.ts';

/**
 * `notExecutable('python-script', ['local-shell-cmd', ...])`: a runner whose every run fails naming the runner; with
 * `entryPoint`, the action is a built-in definition whose StackStorm script is not shipped (core.sendmail).
 */
export function notExecutable(
  runnerType: string,
  executable: Iterable<string>,
  missing?: { entryPoint: string },
): RunnerDefinition {
  const here = [...executable].sort().join(', ');
  return {
    name: runnerType,
    runnerParameters: [],
    defaultTimeout: 0,
    sideEffects: false,
    run(input) {
      const error = missing
        ? `action "${input.action.ref}" is a definition only here: its entry point "${missing.entryPoint}" is ` +
          `StackStorm's and not shipped (put StackStorm's "${input.action.pack}" pack in a pack root to run it)`
        : `runner "${runnerType}" is not executable by this runtime: action "${input.action.ref}" is a definition ` +
          `only here (StackStorm runs it; rules executes ${here})`;
      return Promise.resolve({ status: 'failed', result: { error, runner: runnerType, not_executable: true } });
    },
  };
}
