// StackStorm's python-script runner: the entry point is a Python file with an Action subclass, run in its own
// Python process (the pack's virtualenv, else python3) by our wrapper with our st2common package first on the path.
// Parameters, config and the result travel on fd 3 (python/channel.ts), so stdout and stderr are exactly the
// action's; its datastore calls are answered on the same channel. Result as StackStorm records it:
// {exit_code, result, stdout, stderr} (+ error on timeout or a bad status).
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import type { RunInput, RunOutcome, RunnerDefinition } from '../types.ts';
import { runProcess } from '../process.ts';
import type { ProcessResult } from '../process.ts';
import { actionEnv, failure, timeoutSeconds } from './shared.ts';
import { answerDatastoreCall, pythonInterpreter, pythonSiteDir, serveChannel, wrapperScript } from '../python/index.ts';
import type { ChannelState } from '../python/index.ts';

/** StackStorm's PYTHON_RUNNER_INVALID_ACTION_STATUS_EXIT_CODE: run() returned (non-bool, value). */
const INVALID_STATUS_EXIT_CODE = 220;
const RUNNER_PARAMETERS = ['debug', 'content_version', 'env', 'timeout', 'log_level'];
/** A token outlives the run by this much, so calls made while the action ends still authenticate. */
const TOKEN_GRACE_SECONDS = 60;

/** The entry point inside the pack's actions folder, or why not (no `..` out of the pack). */
function entryFile(input: RunInput): string | { error: string } {
  const entry = input.action.entryPoint;
  if (!entry) return { error: `Action "${input.action.ref}" is missing entry_point attribute` };
  const actions = join(input.action.packDir, 'actions');
  const file = resolve(actions, entry);
  const inside = relative(input.action.packDir, file);
  if (isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`))
    return { error: `entry_point "${entry}" of action "${input.action.ref}" is outside its pack` };
  return file;
}

/** The action's environment: ours (shared.ts), the `env` parameter without PYTHONPATH, then PYTHONPATH and ST2_*. */
function pythonEnv(input: RunInput, virtualenv: string | undefined): Record<string, string> {
  const env = actionEnv(input);
  // StackStorm ignores a user-given PYTHONPATH (any case): it would break the wrapper's imports.
  for (const name of Object.keys(env)) if (name.toLowerCase() === 'pythonpath') delete env[name];
  const pack = input.action.packDir;
  // Our st2common first; actions/lib as StackStorm adds it; the pack's lib/ as with packs.enable_common_libs.
  env['PYTHONPATH'] = [pythonSiteDir.replace(/\/$/, ''), join(pack, 'actions', 'lib'), join(pack, 'lib')].join(':');
  if (virtualenv !== undefined) env['PATH'] = `${join(virtualenv, 'bin')}:${env['PATH'] ?? '/usr/bin:/bin'}`;
  // No __pycache__ written into pack folders (they may be read-only, and --watch would see the writes).
  env['PYTHONDONTWRITEBYTECODE'] = '1';
  env['PYTHONUNBUFFERED'] = '1';
  const api = input.services?.apiUrl?.();
  if (api !== undefined) env['ST2_ACTION_API_URL'] = api;
  return env;
}

function outcome(proc: ProcessResult, channel: ChannelState, timeout: number): RunOutcome {
  const exitCode = proc.timedOut ? -9 : proc.exitCode;
  const result: Record<string, unknown> = {
    exit_code: exitCode,
    // StackStorm's runner records the string "None" when the wrapper printed no result (exception, timeout).
    result: channel.result ? channel.result.result : 'None',
    stderr: proc.stderr,
    stdout: proc.stdout,
  };
  if (proc.truncated) result['truncated'] = true;
  if (proc.canceled) return { status: 'canceled', result };
  if (proc.timedOut)
    return { status: 'timeout', result: { ...result, error: `Action failed to complete in ${timeout} seconds` } };
  if (proc.spawnError !== undefined) return { status: 'failed', result: { ...result, error: proc.spawnError } };
  if (channel.protocolError !== undefined)
    return { status: 'failed', result: { ...result, error: channel.protocolError } };
  if (exitCode === INVALID_STATUS_EXIT_CODE) return { status: 'failed', result: { ...result, error: proc.stderr } };
  const status = channel.result?.status ?? null;
  const succeeded = exitCode === 0 && status !== false;
  return { status: succeeded ? 'succeeded' : 'failed', result };
}

export const pythonScript: RunnerDefinition = {
  name: 'python-script',
  runnerParameters: RUNNER_PARAMETERS,
  defaultTimeout: 600,
  async run(input) {
    const file = entryFile(input);
    if (typeof file !== 'string') return failure(file.error);
    const timeout = timeoutSeconds(input.parameters, this.defaultTimeout);
    const parameters = Object.fromEntries(
      Object.entries(input.parameters).filter(([k]) => !RUNNER_PARAMETERS.includes(k)),
    );
    const interpreter = await pythonInterpreter(input.action.pack, input.services);
    const logLevel = typeof input.parameters['log_level'] === 'string' ? input.parameters['log_level'] : 'DEBUG';
    const debug = input.parameters['debug'] === true;
    input.log?.(
      {
        interpreter: interpreter.path,
        virtualenv: interpreter.virtualenv ?? null,
        ...(debug ? { entryPoint: file, pythonPath: pythonEnv(input, interpreter.virtualenv)['PYTHONPATH'] } : {}),
      },
      interpreter.virtualenv !== undefined
        ? `python-script: the pack's virtualenv ${interpreter.virtualenv}`
        : `python-script: ${interpreter.path} (the pack has no virtualenv)`,
    );
    const user = typeof input.context['user'] === 'string' ? input.context['user'] : 'stanley';
    const env = pythonEnv(input, interpreter.virtualenv);
    let token: { token: string; revoke(): Promise<void> } | undefined;
    try {
      token = await input.services?.issueToken?.(user, timeout + TOKEN_GRACE_SECONDS);
    } catch (error) {
      input.log?.({ err: error }, 'python-script: no auth token for the action (the store refused it)');
    }
    if (token) env['ST2_ACTION_AUTH_TOKEN'] = token.token;
    const start = {
      type: 'start',
      pack: input.action.pack,
      file_path: file,
      config: input.config ?? {},
      parameters,
      user,
      log_level: debug ? 'DEBUG' : logLevel,
    };
    const context = { datastore: input.services?.datastore, pack: input.action.pack, user };
    let channel: ChannelState = { calls: 0 };
    try {
      const proc = await runProcess(interpreter.path, ['-u', wrapperScript], {
        cwd: tmpdir(),
        env,
        timeoutMs: timeout * 1000,
        maxOutputBytes: input.maxOutputBytes,
        signal: input.signal,
        channel: (socket) => {
          channel = serveChannel(socket, start, (method, params) => answerDatastoreCall(context, method, params));
        },
      });
      if (proc.spawnError !== undefined)
        proc.spawnError = `cannot start the Python interpreter ${interpreter.path}: ${proc.spawnError}`;
      return outcome(proc, channel, timeout);
    } finally {
      await token?.revoke().catch(() => undefined);
    }
  },
};
