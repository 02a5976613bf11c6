// `rules compile`: the command's option table (commander options, help and docs/cli.md come from it); the work
// is runCompile / watchCompile in src/app/compile.ts.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { loadApp } from '../command.ts';
import { outputFormats } from '../../diagnostics/index.ts';
import type { CompileFlags } from '../../app/index.ts';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The option table: commander options, help and docs/cli.md all come from it. */
export const compileOptions = [
  { flags: '--check', description: 'only report problems (for CI); do not print what would be served' },
  { flags: '--format <format>', description: `output format: ${outputFormats.join('|')}`, defaultValue: 'pretty' },
  {
    flags: '--max-warnings <n>',
    description: 'exit 1 when there are more than n warnings (default: warnings never fail)',
  },
  { flags: '--strict-st2', description: 'also report what real StackStorm rejects although rules accepts it' },
  {
    flags: '--strict',
    description: 'an action of a pack that is not in the pack roots is an error, not a warning',
  },
  {
    flags: '--config <file>',
    description:
      'config file (YAML/JSON, default RULES_CONFIG): `installedPacks: [slack, ...]` lists packs installed elsewhere',
  },
  {
    flags: '--packs <dir>',
    description: 'pack base path (repeatable; default RULES_PACKS, colon-separated, or ./packs)',
    repeatable: true,
  },
  {
    flags: '--cache-dir <dir>',
    description: 'content-hash cache of parsed files and per-rule checks (default node_modules/.cache/rules)',
  },
  { flags: '--no-cache', description: 'do not read or write the cache' },
  {
    flags: '--max-file-bytes <n>',
    description:
      'pack files larger than this are refused with a diagnostic, never read (default RULES_MAX_FILE_BYTES or 1048576)',
  },
  {
    flags: '--emit <dir>',
    description:
      'write the generated matcher code (one file per trigger, comments naming each rule file:line) for review',
  },
  {
    flags: '--watch',
    description: 'recompile on every change and reprint the diagnostics (like tsc --watch; src/watch)',
  },
] as const;

export const compileCommand: CliCommand = {
  register(program: Command) {
    const cmd = program
      .command('compile')
      .description('compile the packs and report every problem as file:line:column');
    for (const o of compileOptions) {
      if ('repeatable' in o) cmd.option(o.flags, o.description, collect);
      else if ('defaultValue' in o) cmd.option(o.flags, o.description, o.defaultValue);
      else cmd.option(o.flags, o.description);
    }
    cmd.action(async (flags: CompileFlags & { watch?: boolean }) => {
      const { runCompile, watchCompile } = await loadApp();
      // --watch (issue 7): the watch stage's incremental compiler, until Ctrl-C.
      if (flags.watch === true) {
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        await watchCompile(flags, { write: (s) => process.stdout.write(s), signal: stop.signal, env: process.env });
        return;
      }
      process.exitCode = await runCompile(flags, {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        isTTY: process.stdout.isTTY,
        cwd: process.cwd(),
        env: process.env,
      });
    });
  },
};
