// Shared by the crash tests: `rules serve` as a real child process, and the files its actions append to.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Starts `rules serve --no-auth --port 0 <args>` and resolves with its base url once it says it is serving. */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', '--no-auth', '--port', '0', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, RULES_LOG_LEVEL: 'warn', ...env },
    },
  );
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /serving .* on (http:\/\/[^\s]+)/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}: ${stderr}`));
    });
  });
}

/** SIGKILLs every child still running and waits for it to exit. */
export async function killAll(children: ReadonlyArray<ChildProcess | undefined>): Promise<void> {
  for (const child of children) {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
  }
}

/** The non-empty lines of a file ([] while it does not exist). */
export const lines = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
