// `rules docs --write|--check`: docs/errors.md from the code catalogue, docs/cli.md from the commands.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { cliMarkdown, codes, errorsMarkdown, httpErrors } from '../../diagnostics/index.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The generated documents, by path relative to the repository; `program` has every command registered. */
export function generatedDocs(program: Command): Map<string, string> {
  return new Map([
    ['docs/errors.md', errorsMarkdown(codes, httpErrors)],
    ['docs/cli.md', cliMarkdown(program)],
  ]);
}

/** Writes (write) or compares (check) the docs; returns the stale paths. */
export async function syncDocs(mode: 'write' | 'check', program: Command, root = repoRoot): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of generatedDocs(program)) {
    const file = resolve(root, path);
    let current: string | undefined;
    try {
      current = await readFile(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(path);
    if (mode === 'write') {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
  return stale;
}

export const docsCommand: CliCommand = {
  register(program: Command) {
    program
      .command('docs')
      .description('generate docs/errors.md and docs/cli.md (--write) or fail when they are stale (--check)')
      .option('--write', 'write the generated files')
      .option('--check', 'exit 1 when a generated file differs from what is committed')
      .action(async (flags: { write?: boolean; check?: boolean }, command: Command) => {
        if (flags.write === flags.check) throw new UsageError('docs needs exactly one of --write or --check');
        // The program this command is part of: every command is registered on it.
        const stale = await syncDocs(flags.write ? 'write' : 'check', command.parent ?? command);
        if (flags.write) {
          process.stderr.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'docs are up to date\n');
        } else if (stale.length) {
          process.stderr.write(`stale: ${stale.join(', ')}; run npm run docs\n`);
          process.exitCode = 1;
        }
      });
  },
};
