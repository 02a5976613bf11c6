// `rules pack setup [PACK...]` as a function: StackStorm's `st2 run packs.setup_virtualenv packs=...`, a virtualenv
// per pack with its requirements.txt installed. Without names: every pack that has Python actions or a
// requirements.txt (the system packs core, packs, linux and chatops run on the runtime's Python, as in StackStorm).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compilePacks } from '../compile/index.ts';
import { resolvePython, setupPackVirtualenv, SetupError, SYSTEM_PACKS } from '../actions/index.ts';
import { UsageError } from './errors.ts';
import { packRoots } from './ruleset.ts';
import { virtualenvsDirectory } from './data-dir.ts';

export interface PackSetupOptions {
  packs?: string[];
  data?: string;
  store?: string;
  /** Interpreter that creates the virtualenvs (default RULES_PYTHON or python3). */
  python?: string;
  /** Extra pip arguments (`--no-index`, `--find-links DIR`, `--index-url URL`). */
  pipArgs?: string[];
  force?: boolean;
  /** Progress lines (stderr in the CLI) and one result line per pack (stdout). */
  progress: (line: string) => void;
  result: (line: string) => void;
}

/** Sets up the named packs (all Python packs when none); resolves to the number of packs that failed. */
export async function setupPacks(names: readonly string[], options: PackSetupOptions): Promise<number> {
  const roots = packRoots(options.packs);
  const output = await compilePacks({ roots });
  const python = await resolvePython(options.python ?? process.env['RULES_PYTHON'] ?? 'python3');
  const pythonPacks = new Set(output.actions.filter((a) => a.runnerType === 'python-script').map((a) => a.pack));
  const known = new Map(output.packs.map((p) => [p.ref, p]));
  for (const name of names)
    if (!known.has(name))
      throw new UsageError(`no pack "${name}" in ${roots.join(', ')} (packs: ${[...known.keys()].join(', ')})`);
  const chosen =
    names.length > 0
      ? names.flatMap((n) => known.get(n) ?? [])
      : output.packs.filter((p) => pythonPacks.has(p.ref) || existsSync(join(p.dir, 'requirements.txt')));
  if (chosen.length === 0) options.progress('rules pack setup: no pack has Python actions or a requirements.txt');
  const virtualenvs = virtualenvsDirectory(options);
  let failed = 0;
  for (const pack of chosen) {
    if (SYSTEM_PACKS.has(pack.ref)) {
      options.progress(`pack ${pack.ref}: a system pack, runs on ${python} (no virtualenv, as in StackStorm)`);
      continue;
    }
    const started = Date.now();
    try {
      const outcome = await setupPackVirtualenv({
        pack: pack.ref,
        packDir: pack.dir,
        virtualenvs,
        python,
        pipArgs: options.pipArgs ?? [],
        force: options.force === true,
        progress: options.progress,
      });
      options.result(`${pack.ref}: ${outcome.status} ${outcome.virtualenv} (${Date.now() - started} ms)`);
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      failed += 1;
      options.progress(`rules pack setup: ${error.message}`);
    }
  }
  return failed;
}
