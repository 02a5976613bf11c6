// `rules pack setup [PACK...]`: flags over app/pack-setup.ts (a virtualenv per pack from its requirements.txt).
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { setupPacks } from '../../app/index.ts';

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

export const packCommand: CliCommand = {
  register(program: Command) {
    const pack = program.command('pack').description('pack maintenance: virtualenvs for Python actions');
    pack
      .command('setup [packs...]')
      .description(
        "create or update each pack's virtualenv (<data>/virtualenvs/<pack>) from its requirements.txt; " +
          'unchanged packs are skipped; without names, every pack with Python actions or a requirements.txt',
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
        const failed = await setupPacks(names, {
          ...flags,
          pipArgs: [
            ...(flags.index ? [] : ['--no-index']),
            ...(flags.findLinks ?? []).flatMap((d) => ['--find-links', d]),
            ...(flags.indexUrl !== undefined ? ['--index-url', flags.indexUrl] : []),
          ],
          progress: (line) => process.stderr.write(`${line}\n`),
          result: (line) => process.stdout.write(`${line}\n`),
        });
        process.exitCode = failed > 0 ? 1 : 0;
      });
  },
};
