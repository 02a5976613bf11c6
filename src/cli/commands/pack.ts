// `rules pack setup [PACK...]`: StackStorm's `st2 run packs.setup_virtualenv packs=...`: a virtualenv per pack in
// the data directory with the pack's requirements.txt installed. Without names: every pack that has Python
// actions or a requirements.txt (the system packs core, packs, linux, chatops run on the runtime's Python).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { compilePacks } from '../../compile/index.ts';
import { resolvePython, setupPackVirtualenv, SetupError, SYSTEM_PACKS } from '../../actions/index.ts';
import { packRoots } from './serve-ruleset.ts';
import { dataDirectory } from './serve.ts';

interface SetupFlags {
  packs?: string[];
  data?: string;
  store?: string;
  python?: string;
  findLinks?: string[];
  index: boolean;
  indexUrl?: string;
  force?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

async function setup(names: string[], flags: SetupFlags): Promise<number> {
  const output = await compilePacks({ roots: packRoots(flags.packs) });
  const python = await resolvePython(flags.python ?? process.env['RULES_PYTHON'] ?? 'python3');
  const pythonPacks = new Set(output.actions.filter((a) => a.runnerType === 'python-script').map((a) => a.pack));
  const known = new Map(output.packs.map((p) => [p.ref, p]));
  for (const name of names)
    if (!known.has(name))
      throw new UsageError(
        `no pack "${name}" in ${packRoots(flags.packs).join(', ')} (packs: ${[...known.keys()].join(', ')})`,
      );
  const chosen = (names.length > 0 ? names.map((n) => known.get(n)) : output.packs).filter(
    (p) =>
      p !== undefined && (names.length > 0 || pythonPacks.has(p.ref) || existsSync(join(p.dir, 'requirements.txt'))),
  );
  const virtualenvs = join(dataDirectory(flags), 'virtualenvs');
  const pipArgs = [
    ...(flags.index ? [] : ['--no-index']),
    ...(flags.findLinks ?? []).flatMap((d) => ['--find-links', d]),
    ...(flags.indexUrl !== undefined ? ['--index-url', flags.indexUrl] : []),
  ];
  let failed = 0;
  for (const pack of chosen) {
    if (!pack) continue;
    if (SYSTEM_PACKS.has(pack.ref)) {
      process.stderr.write(`pack ${pack.ref}: a system pack, runs on ${python} (no virtualenv, as in StackStorm)\n`);
      continue;
    }
    const started = Date.now();
    try {
      const outcome = await setupPackVirtualenv({
        pack: pack.ref,
        packDir: pack.dir,
        virtualenvs,
        python,
        pipArgs,
        force: flags.force === true,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${pack.ref}: ${outcome.status} ${outcome.virtualenv} (${Date.now() - started} ms)\n`);
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      failed += 1;
      process.stderr.write(`rules pack setup: ${error.message}\n`);
    }
  }
  if (chosen.length === 0) process.stderr.write('rules pack setup: no pack has Python actions or a requirements.txt\n');
  return failed > 0 ? 1 : 0;
}

export const packCommand: CliCommand = {
  register(program: Command) {
    const pack = program.command('pack').description('pack maintenance: virtualenvs for Python actions');
    pack
      .command('setup [packs...]')
      .description(
        "create or update each pack's virtualenv (<data>/virtualenvs/<pack>) from its requirements.txt; " +
          'unchanged packs are skipped',
      )
      .option('--packs <dir>', 'pack root (repeatable; default RULES_PACKS or ./packs)', collect)
      .option('--data <dir>', 'data directory (default RULES_DATA, else the folder of --store, else .rules)')
      .option('--store <path>', 'SQLite store file whose folder is the data directory')
      .option('--python <cmd>', 'interpreter that creates the virtualenvs (default RULES_PYTHON or python3)')
      .option(
        '--find-links <dir>',
        'also look for packages in this folder or url (pip --find-links; repeatable)',
        collect,
      )
      .option('--no-index', 'do not use the package index: only --find-links (pip --no-index)')
      .option('--index-url <url>', 'package index to use instead of PyPI (pip --index-url)')
      .option('--force', 'recreate the virtualenvs even when up to date')
      .action(async (names: string[], flags: SetupFlags) => {
        process.exitCode = await setup(names, flags);
      });
  },
};
