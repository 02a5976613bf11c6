// Every CLI command, one file each; add yours here.
import type { CliCommand } from '../command.ts';

export const commands: CliCommand[] = [];
