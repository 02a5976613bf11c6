// `local-shell-script`: runs the entry point (relative to the pack's actions/ folder) directly, with
// parameters as argv the way StackStorm's ShellScriptAction builds them, but never through a shell string.
import { isAbsolute, join } from 'node:path';
import type { ActionModel } from '../../model/index.ts';
import type { RunnerDefinition } from '../types.ts';
import { runProcess } from '../process.ts';
import { actionCwd, actionEnv, failure, shellOutcome, timeoutSeconds } from './shared.ts';

const runnerParameters = [
  'cwd',
  'env',
  'kwarg_op',
  'sudo',
  'sudo_password',
  'timeout',
  'debug',
  'content_version',
] as const;

/** StackStorm's `_serialize_positional_argument` (common/util/action_db.py). */
function serializePositional(type: string | undefined, value: unknown): string {
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
      return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    case 'boolean':
      return value === null || value === undefined ? '' : value ? '1' : '0';
    case 'array':
      return Array.isArray(value) && value.length > 0
        ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',')
        : '';
    case 'object':
      return value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? JSON.stringify(value) : '';
    case 'null':
      return '';
    default:
      return value === null || value === undefined || value === '' || value === false || value === 0
        ? ''
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  }
}

/**
 * argv for a script: named arguments first (`--name=value`, `--name` for true, skipped when None, empty or false),
 * then positional ones in `position` order, as StackStorm's `_get_script_arguments` orders them.
 * Example: `{x: 1, flag: true, p: 'a'}` with p at position 0 → `['--x=1', '--flag', 'a']`.
 */
export function scriptArguments(action: ActionModel, parameters: Record<string, unknown>): string[] {
  const kwargOp = typeof parameters['kwarg_op'] === 'string' ? parameters['kwarg_op'] : '--';
  const positional = Object.entries(action.parameters)
    .filter(([, spec]) => typeof spec.position === 'number')
    .sort((a, b) => (a[1].position as number) - (b[1].position as number));
  const positionalNames = new Set(positional.map(([name]) => name));
  const argv: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (positionalNames.has(name) || (runnerParameters as readonly string[]).includes(name)) continue;
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (value === true) argv.push(`${kwargOp}${name}`);
    else argv.push(`${kwargOp}${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  for (const [name, spec] of positional) {
    const value = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
    argv.push(serializePositional(spec.type, value));
  }
  return argv;
}

export const localShellScript: RunnerDefinition = {
  name: 'local-shell-script',
  runnerParameters,
  defaultTimeout: 60,
  async run(input) {
    const entry = input.action.entryPoint;
    if (!entry) return failure(`Action "${input.action.ref}" has no entry_point`);
    if (input.parameters['sudo'] === true) return failure('sudo is not supported by this runtime');
    const script = isAbsolute(entry) ? entry : join(input.action.packDir, 'actions', entry);
    const timeout = timeoutSeconds(input.parameters, this.defaultTimeout);
    const proc = await runProcess(script, scriptArguments(input.action, input.parameters), {
      cwd: actionCwd(input.parameters, join(input.action.packDir, 'actions')),
      env: actionEnv(input),
      timeoutMs: timeout * 1000,
      maxOutputBytes: input.maxOutputBytes,
      signal: input.signal,
    });
    return shellOutcome(proc, timeout);
  },
};
