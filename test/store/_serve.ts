// Shared by the crash tests: `rules serve` as a real child process, and the files its actions append to.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * How long `rules serve` may take to say it is serving: tsx compiles the CLI first, and on restart recovery runs
 * before the line is printed. On a CI machine whose 2 cores are busy with other test files that took over 60 s.
 */
export const START_TIMEOUT_MS = Number(process.env['RULES_TEST_START_TIMEOUT_MS'] ?? 240_000);

// Every process group started here, killed when the test process exits whatever happens (a failed assertion, a
// test timeout): a leaked `rules serve` would keep writing into a removed directory and hold its port.
// The test runner ends a file that overran its timeout with SIGTERM, which skips 'exit' handlers: kill the groups,
// then die of the same signal.
const groups = new Set<number>();
const killGroups = (): void => {
  for (const pid of groups) killGroup(pid);
};
process.once('exit', killGroups);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
  process.once(signal, () => {
    killGroups();
    process.kill(process.pid, signal);
  });

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Starts `rules serve --no-auth --port 0 <args>` in its own process group and resolves with its base url once it
 * has printed its complete "serving ... on URL" line (its readiness signal: printed after listen and recovery).
 */
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
      detached: true,
    },
  );
  if (child.pid !== undefined) groups.add(child.pid);
  child.once('exit', () => {
    if (child.pid !== undefined) groups.delete(child.pid);
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid ?? 0);
      reject(new Error(`serve did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      // The whole line: a chunk may end in the middle of the url.
      const m = /^rules: serving .* on (http:\/\/\S+) \(.*\n/m.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code ?? signal)}: ${stderr}`));
    });
  });
}

/** SIGKILLs the process group of a running child (the serve process and anything in its group); no wait. */
export function kill9(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) killGroup(child.pid);
}

/** SIGKILLs the process group of every child still running and waits for each to exit. */
export async function killAll(children: ReadonlyArray<ChildProcess | undefined>): Promise<void> {
  for (const child of children) {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      kill9(child);
      await exited;
    }
  }
}

/**
 * SIGKILLs the processes whose command line names `dir`: actions run detached in their own process groups, so the
 * ones a killed server left behind outlive it and go on appending to files in `dir`. Linux (/proc) only.
 */
function killWritersOf(dir: string): void {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Exited meanwhile, or not ours.
    }
  }
}

/**
 * Kills the servers and what their actions left running, then removes the test directory. rm retries: a process
 * killed a moment ago may still create a file while the directory is being emptied (ENOTEMPTY).
 */
export async function cleanUp(children: ReadonlyArray<ChildProcess | undefined>, dir: string): Promise<void> {
  await killAll(children);
  killWritersOf(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
}

/** The non-empty lines of a file ([] while it does not exist). */
export const lines = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
