// Shared by the HTTP benchmarks: a server process pinned to core 0 (the load runs on core 1).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Starts a pinned process and resolves with the URL it prints on stderr (`... on http://...`). */
export function startPinned(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', '0', ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s: ${err}`)), 120_000);
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      const m = / on (http:\/\/[^\s]+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}
