// `rules rule-enforcement list`: what each matching rule did with a trigger instance, and why it failed.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { apiBase, apiGet, print, table } from '../../app/index.ts';
import type { ApiFlags } from '../../app/index.ts';
import { runApi } from './api-command.ts';

const COLUMNS = ['id', 'rule.ref', 'trigger_instance_id', 'execution_id', 'status', 'enforced_at', 'failure_reason'];

export const ruleEnforcementCommand: CliCommand = {
  register(program: Command) {
    const enforcement = program.command('rule-enforcement').description('rule enforcements (one per matching rule)');
    enforcement
      .command('list')
      .description('list rule enforcements, newest first')
      .option('--url <url>', 'API base URL (default RULES_URL or http://127.0.0.1:9101)')
      .option('--rule <ref>', 'only this rule')
      .option('--trigger-instance <id>', 'only this trigger instance')
      .option('--execution <id>', 'only this execution')
      .option('--status <status>', 'succeeded|failed')
      .option('-n, --limit <n>', 'how many', '50')
      .option('--json', 'print the records as JSON')
      .action(
        (
          flags: ApiFlags & {
            rule?: string;
            triggerInstance?: string;
            execution?: string;
            status?: string;
            limit: string;
          },
        ) =>
          runApi(async () => {
            const rows = (await apiGet(apiBase(flags.url), '/v1/ruleenforcements', {
              rule_ref: flags.rule,
              trigger_instance: flags.triggerInstance,
              execution: flags.execution,
              status: flags.status,
              limit: flags.limit,
            })) as unknown[];
            print(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows, COLUMNS));
          }),
      );
  },
};
