// Child processes for runners: detached (own process group) so a timeout kills the whole tree,
// output captured up to a cap, never through a shell string unless the runner is a shell by contract.
import { spawn } from 'node:child_process';
import type { Duplex, Readable } from 'node:stream';

export interface ProcessOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  stdin?: string;
  signal?: AbortSignal;
  /** Also capture file descriptor 3 (a side channel for the nodejs runner's result). */
  captureFd3?: boolean;
  /**
   * Opens file descriptor 3 as a two-way channel (a socket pair) and hands the runtime's end to `channel` instead
   * of capturing it: the python-script runner's datastore calls and result travel on it.
   */
  channel?: (socket: Duplex) => void;
}

export interface ProcessResult {
  /** Exit code, or minus the signal number as Python's subprocess reports it (-9 for SIGKILL). */
  exitCode: number;
  stdout: string;
  stderr: string;
  fd3: string;
  truncated: boolean;
  timedOut: boolean;
  canceled: boolean;
  /** Set when the process could not be started (ENOENT, EACCES). */
  spawnError?: string;
}

const signalNumbers: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

class Capture {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  push(chunk: Buffer): void {
    const room = this.max - this.size;
    if (room <= 0) {
      if (chunk.length > 0) this.truncated = true;
      return;
    }
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size += room;
      this.truncated = true;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Negative pid: the whole process group the detached child leads, so grandchildren die too.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs `file args` to completion (or timeout / cancel), capturing output. Never rejects. */
export function runProcess(file: string, args: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const stdout = new Capture(options.maxOutputBytes);
    const stderr = new Capture(options.maxOutputBytes);
    const fd3 = new Capture(64 * 1024 * 1024);
    let timedOut = false;
    let canceled = false;
    let settled = false;
    // No stdin unless there is something to send: a socketpair on stdin makes bash believe it was started by
    // rshd/sshd and source ~/.bashrc of the runtime's user.
    const stdio: Array<'pipe' | 'ignore'> = [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
    if (options.captureFd3 || options.channel) stdio.push('pipe');
    let child;
    try {
      child = spawn(file, args, { cwd: options.cwd, env: options.env ?? {}, detached: true, stdio });
    } catch (error) {
      resolve({
        exitCode: 1,
        stdout: '',
        stderr: '',
        fd3: '',
        truncated: false,
        timedOut: false,
        canceled: false,
        spawnError: (error as Error).message,
      });
      return;
    }
    const pid = child.pid;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, options.timeoutMs);
    const onAbort = (): void => {
      canceled = true;
      killGroup(pid);
    };
    if (options.signal) {
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.stderr?.on('data', (c: Buffer) => stderr.push(c));
    const extra = child.stdio[3] as Readable | null | undefined;
    if (options.channel && extra) options.channel(extra as Duplex);
    else extra?.on('data', (c: Buffer) => fd3.push(c));
    const stdinStream = child.stdin;
    stdinStream?.on('error', () => {
      // EPIPE when the child does not read its stdin: not an error of the action.
    });
    stdinStream?.end(options.stdin);
    const finish = (
      result: Omit<ProcessResult, 'stdout' | 'stderr' | 'fd3' | 'truncated' | 'timedOut' | 'canceled'>,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever the child left behind in its group goes with it.
      killGroup(pid);
      resolve({
        ...result,
        stdout: stdout.text(),
        stderr: stderr.text(),
        fd3: fd3.text(),
        truncated: stdout.truncated || stderr.truncated,
        timedOut,
        canceled,
      });
    };
    child.on('error', (error) => finish({ exitCode: 1, spawnError: error.message }));
    child.on('close', (code, signal) => {
      const exitCode = code ?? -(signal ? (signalNumbers[signal] ?? 1) : 1);
      finish({ exitCode });
    });
  });
}

/** StackStorm's `strip_shell_chars`: drop one trailing `\n`, then one trailing `\r`. */
export function stripShellChars(text: string): string {
  let out = text.endsWith('\n') ? text.slice(0, -1) : text;
  out = out.endsWith('\r') ? out.slice(0, -1) : out;
  return out;
}
