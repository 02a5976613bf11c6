// The CLI: a thin shell over the library. Results go to stdout, logs to stderr.
import { CommanderError } from 'commander';
import { UsageError } from './command.ts';
import { createProgram } from './program.ts';

const program = createProgram().exitOverride().showHelpAfterError();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are not failures; everything else commander reports is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`rules: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `rules: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  }
}
