// Every CLI command, one file each; add yours here.
import type { CliCommand } from '../command.ts';
import { compileCommand } from './compile-command.ts';
import { serveCommand } from './serve-command.ts';
import { docsCommand } from './docs.ts';
import { executionCommand } from './execution.ts';
import { ruleEnforcementCommand } from './rule-enforcement.ts';
import { triggerInstanceCommand } from './trigger-instance.ts';
import { testCommand } from './test.ts';
import { webhookCommand } from './webhook.ts';
import { apikeyCommand } from './apikey.ts';
import { tokenCommand } from './token.ts';
import { keyCommand } from './key.ts';
import { replayCommand } from './replay.ts';
import { packCommand } from './pack.ts';

export const commands: CliCommand[] = [
  compileCommand,
  docsCommand,
  executionCommand,
  ruleEnforcementCommand,
  triggerInstanceCommand,
  serveCommand,
  webhookCommand,
  apikeyCommand,
  tokenCommand,
  keyCommand,
  replayCommand,
  packCommand,
  testCommand,
];
