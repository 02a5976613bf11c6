// The real CLI as a child process, for the `rules key`/`rules apikey` tests. No kill timeout of its own: one start
// of `node --import tsx` took 8.5 s at load 14 on 2 cores and 30 s was cutting runs short; the test's own limit
// bounds a hang. A run ended by a signal reports it instead of a made-up exit code.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  /** The exit code; -1 when a signal ended the process (stderr then says which). */
  code: number;
}

export function rules(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], (error, stdout, stderr) => {
      const failed = error as (Error & { code?: number | string; signal?: string | null }) | null;
      if (failed?.signal) resolve({ stdout, stderr: `${stderr}\n(killed by ${failed.signal})`, code: -1 });
      else resolve({ stdout, stderr, code: failed ? Number(typeof failed.code === 'number' ? failed.code : 1) : 0 });
    });
  });
}
