// The shape of one CLI command file: it adds itself to the program. Exit codes: 0 ok, 1 problems, 2 usage or internal error.
import type { Command } from 'commander';

export interface CliCommand {
  /** Adds the command (and its options) to the program. */
  register(program: Command): void;
}

// Thrown for bad flags or arguments (here and by src/app/): main prints the message and exits with 2.
export { UsageError } from '../app/index.ts';
