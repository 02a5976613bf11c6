// Which Python runs a pack's actions: the pack's virtualenv (`rules pack setup`) when it has one, else the system
// interpreter. StackStorm refuses to run a non-system pack without its virtualenv; we fall back and log which.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionServices } from '../types.ts';

/** StackStorm's SYSTEM_PACK_NAMES: packs that run on the runtime's own interpreter, never a virtualenv. */
export const SYSTEM_PACKS: ReadonlySet<string> = new Set(['chatops', 'core', 'packs', 'linux']);

/** The folder with our `st2common` package and the wrapper: first on every Python action's path. */
export const pythonSiteDir = fileURLToPath(new URL('./site/', import.meta.url));

export const wrapperScript = join(pythonSiteDir, 'rules_action_wrapper.py');

export interface Interpreter {
  /** Executable to spawn. */
  path: string;
  /** The pack's virtualenv, when that is where the interpreter comes from. */
  virtualenv?: string;
}

/** `<virtualenvs>/<pack>`: where `rules pack setup` puts a pack's virtualenv. */
export function virtualenvPath(virtualenvs: string, pack: string): string {
  return join(virtualenvs, pack);
}

/** The interpreter for `pack`: `<virtualenvs>/<pack>/bin/python` if it exists, else `services.python` or python3. */
export async function pythonInterpreter(pack: string, services: ActionServices | undefined): Promise<Interpreter> {
  const root = services?.virtualenvs;
  if (root !== undefined && !SYSTEM_PACKS.has(pack)) {
    const virtualenv = virtualenvPath(root, pack);
    const path = join(virtualenv, 'bin', 'python');
    if (existsSync(path)) return { path, virtualenv };
  }
  const python = services?.python;
  return { path: typeof python === 'function' ? await python() : (python ?? 'python3') };
}

/** `resolvePython(command)` on the first call only; later calls share its answer. */
export function lazyPython(command = 'python3'): () => Promise<string> {
  let resolved: Promise<string> | undefined;
  return () => (resolved ??= resolvePython(command));
}

/**
 * The real executable behind `command` (`sys.executable`), asked once at start: a `python3` on PATH may be a
 * wrapper script (pyenv's shims take ~1 s per start), which every execution would otherwise pay for.
 * Resolves to `command` itself when it cannot be run (actions then fail naming it).
 */
export function resolvePython(command = 'python3'): Promise<string> {
  return new Promise((done) => {
    execFile(command, ['-c', 'import sys; print(sys.executable)'], { timeout: 30_000 }, (error, stdout) => {
      const path = String(stdout).trim();
      done(error || path === '' ? command : path);
    });
  });
}
