// `nodejs` (ours): the entry point is an ES module whose default export is `async (params, context) => result`,
// run in its own node process; the result comes back on fd 3 so the module's own stdout stays its log.
import { isAbsolute, join } from 'node:path';
import type { RunnerDefinition } from '../types.ts';
import { runProcess, stripShellChars } from '../process.ts';
import { actionCwd, actionEnv, failure, timeoutSeconds } from './shared.ts';

// The wrapper is code we own, passed with -e; the input (parameters, context) arrives as JSON on stdin.
const wrapper = `
import { pathToFileURL } from 'node:url';
import { createWriteStream } from 'node:fs';
let raw = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) raw += chunk;
const input = JSON.parse(raw);
const out = createWriteStream('', { fd: 3 });
let message;
try {
  const mod = await import(pathToFileURL(input.entry).href);
  if (typeof mod.default !== 'function') throw new TypeError('the entry point has no default export function');
  const result = await mod.default(input.parameters, input.context);
  message = { ok: true, result: result === undefined ? null : result };
} catch (error) {
  message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
out.end(JSON.stringify(message), () => process.exit(message.ok ? 0 : 1));
`;

export const nodejs: RunnerDefinition = {
  name: 'nodejs',
  runnerParameters: ['timeout', 'env', 'cwd'],
  defaultTimeout: 600,
  async run(input) {
    const entry = input.action.entryPoint;
    if (!entry) return failure(`Action "${input.action.ref}" has no entry_point`);
    const module = isAbsolute(entry) ? entry : join(input.action.packDir, 'actions', entry);
    const timeout = timeoutSeconds(input.parameters, this.defaultTimeout);
    const parameters = Object.fromEntries(
      Object.entries(input.parameters).filter(([k]) => !this.runnerParameters.includes(k)),
    );
    const proc = await runProcess(process.execPath, ['--input-type=module', '-e', wrapper], {
      cwd: actionCwd(input.parameters, join(input.action.packDir, 'actions')),
      env: actionEnv(input),
      timeoutMs: timeout * 1000,
      maxOutputBytes: input.maxOutputBytes,
      signal: input.signal,
      stdin: JSON.stringify({ entry: module, parameters, context: input.context }),
      captureFd3: true,
    });
    const exitCode = proc.timedOut ? -9 : proc.exitCode;
    const result: Record<string, unknown> = {
      exit_code: exitCode,
      stdout: stripShellChars(proc.stdout),
      stderr: stripShellChars(proc.stderr),
      result: null,
    };
    if (proc.truncated) result['truncated'] = true;
    if (proc.canceled) return { status: 'canceled', result };
    if (proc.timedOut)
      return { status: 'timeout', result: { ...result, error: `Action failed to complete in ${timeout} seconds` } };
    let message: { ok?: boolean; result?: unknown; error?: string } = {};
    try {
      message = JSON.parse(proc.fd3) as typeof message;
    } catch {
      result['error'] = proc.spawnError ?? `Action process exited with code ${exitCode} without a result`;
      return { status: 'failed', result };
    }
    if (message.ok === true && exitCode === 0)
      return { status: 'succeeded', result: { ...result, result: message.result ?? null } };
    return { status: 'failed', result: { ...result, error: message.error ?? `exit code ${exitCode}` } };
  },
};
