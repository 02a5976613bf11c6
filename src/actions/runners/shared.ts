// Pieces the process-based runners share: environment, timeout, StackStorm's shell result shape.
import type { RunInput, RunOutcome } from '../types.ts';
import type { ProcessResult } from '../process.ts';
import { stripShellChars } from '../process.ts';

/** Seconds from the `timeout` parameter, else the runner default. */
export function timeoutSeconds(parameters: Record<string, unknown>, fallback: number): number {
  const value = parameters['timeout'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The child's environment. StackStorm copies its whole environment; we pass only PATH, HOME, LANG
 * and TZ so secrets of the runtime (API keys, database URLs) never reach an action, then the `env`
 * parameter, then StackStorm's `ST2_ACTION_*` variables.
 */
export function actionEnv(input: RunInput): Record<string, string> {
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  const extra = input.parameters['env'];
  if (extra !== null && typeof extra === 'object' && !Array.isArray(extra)) {
    for (const [key, value] of Object.entries(extra)) {
      if (value === null || value === undefined) continue;
      env[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  env['ST2_ACTION_PACK_NAME'] = input.action.pack;
  env['ST2_ACTION_EXECUTION_ID'] = input.executionId;
  return { ...env };
}

/** `cwd` parameter, else the system temp dir (StackStorm defaults to /tmp). */
export function actionCwd(parameters: Record<string, unknown>, fallback: string): string {
  const cwd = parameters['cwd'];
  return typeof cwd === 'string' && cwd !== '' ? cwd : fallback;
}

/**
 * StackStorm's local runner result: `{failed, succeeded, return_code, stdout, stderr}` plus `error` on timeout;
 * status from the exit code (0 succeeded, -9 timeout, anything else failed).
 */
export function shellOutcome(proc: ProcessResult, timeout: number): RunOutcome {
  const exitCode = proc.timedOut ? -9 : proc.exitCode;
  const succeeded = exitCode === 0 && !proc.canceled;
  const result: Record<string, unknown> = {
    failed: !succeeded,
    succeeded,
    return_code: exitCode,
    stdout: stripShellChars(proc.stdout),
    stderr: stripShellChars(proc.stderr),
  };
  if (proc.truncated) result['truncated'] = true;
  if (proc.timedOut) result['error'] = `Action failed to complete in ${timeout} seconds`;
  if (proc.spawnError !== undefined) result['error'] = proc.spawnError;
  const status = proc.canceled ? 'canceled' : exitCode === 0 ? 'succeeded' : exitCode === -9 ? 'timeout' : 'failed';
  return { status, result };
}

export function failure(message: string): RunOutcome {
  return { status: 'failed', result: { failed: true, succeeded: false, error: message } };
}
