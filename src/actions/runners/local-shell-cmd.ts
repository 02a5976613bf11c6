// `local-shell-cmd`: the `cmd` parameter run by bash, as StackStorm's local runner does (a shell by contract:
// see RULES_W_ACTION_CMD_UNQUOTED for templates that interpolate trigger data without `| shell_quote`).
import { tmpdir } from 'node:os';
import type { RunnerDefinition } from '../types.ts';
import { runProcess } from '../process.ts';
import { actionCwd, actionEnv, failure, shellOutcome, timeoutSeconds } from './shared.ts';

export const localShellCmd: RunnerDefinition = {
  name: 'local-shell-cmd',
  runnerParameters: ['cmd', 'cwd', 'env', 'kwarg_op', 'sudo', 'sudo_password', 'timeout'],
  defaultTimeout: 60,
  async run(input) {
    const cmd = input.parameters['cmd'];
    if (typeof cmd !== 'string' || cmd === '')
      return failure('Parameter "cmd" is required and must be a non-empty string');
    if (input.parameters['sudo'] === true) return failure('sudo is not supported by this runtime');
    const timeout = timeoutSeconds(input.parameters, this.defaultTimeout);
    const proc = await runProcess('/bin/bash', ['--noprofile', '--norc', '-c', cmd], {
      cwd: actionCwd(input.parameters, tmpdir()),
      env: actionEnv(input),
      timeoutMs: timeout * 1000,
      maxOutputBytes: input.maxOutputBytes,
      signal: input.signal,
    });
    return shellOutcome(proc, timeout);
  },
};
