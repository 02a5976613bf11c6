// The `rules` program: every command of commands/index.ts registered on one commander program.
import { Command } from 'commander';
import { commands } from './commands/index.ts';

/** A fresh program; main.ts parses argv with it, the docs are generated from it. */
export function createProgram(): Command {
  const program = new Command('rules').description('StackStorm-compatible rules compiler and webhook runtime');
  for (const command of commands) command.register(program);
  return program;
}
