// The shape of one CLI command file: it adds itself to the program. Exit codes: 0 ok, 1 problems, 2 usage or internal error.
import type { Command } from 'commander';
import type * as App from '../app/index.ts';

export interface CliCommand {
  /** Adds the command (and its options) to the program. */
  register(program: Command): void;
}

// Thrown for bad flags or arguments (here and by src/app/): main prints the message and exits with 2.
export { UsageError } from '../diagnostics/index.ts';

/**
 * src/app/ (and through it SQLite, PostgreSQL, fastify, chevrotain), loaded when a command runs: registering the
 * commands and printing help need none of it, so `rules --help` starts in a fraction of the time (issue 18).
 */
export const loadApp = (): Promise<typeof App> => import('../app/index.ts');
