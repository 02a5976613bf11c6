// `rules trigger-instance list|get`: what the webhooks received and whether the rules engine processed it.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { apiBase, apiGet, details, print, table, reEmit } from '../../app/index.ts';
import type { ApiFlags } from '../../app/index.ts';
import { runApi } from './api-command.ts';

const COLUMNS = ['id', 'trigger', 'occurrence_time', 'status'];

export const triggerInstanceCommand: CliCommand = {
  register(program: Command) {
    const instance = program.command('trigger-instance').description('trigger instances received');
    instance
      .command('list')
      .description('list trigger instances, newest first')
      .option('--url <url>', 'API base URL (default RULES_URL or http://127.0.0.1:9101)')
      .option('--trigger <ref>', 'only this trigger')
      .option('--status <status>', 'pending|processing|processed|processing_failed')
      .option('-n, --limit <n>', 'how many', '50')
      .option('--json', 'print the records as JSON')
      .action((flags: ApiFlags & { trigger?: string; status?: string; limit: string }) =>
        runApi(async () => {
          const rows = (await apiGet(apiBase(flags.url), '/v1/triggerinstances', {
            trigger: flags.trigger,
            status: flags.status,
            limit: flags.limit,
          })) as unknown[];
          print(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows, COLUMNS));
        }),
      );
    instance
      .command('get <id>')
      .description('show one trigger instance with its payload')
      .option('--url <url>', 'API base URL')
      .option('--json', 'print the record as JSON')
      .action((id: string, flags: ApiFlags) =>
        runApi(async () => {
          const record = await apiGet(apiBase(flags.url), `/v1/triggerinstances/${encodeURIComponent(id)}`);
          print(
            flags.json
              ? `${JSON.stringify(record, null, 2)}\n`
              : details(record, ['id', 'trigger', 'occurrence_time', 'status', 'payload']),
          );
        }),
      );
    instance
      .command('re-emit <id>')
      .description('emit a stored trigger instance again (a new instance, same trigger and payload)')
      .option('--url <url>', 'API base URL')
      .action((id: string, flags: ApiFlags) =>
        runApi(async () => {
          const answer = await reEmit(apiBase(flags.url), id);
          print(`${answer.message} New instance: ${answer.trigger_instance.id}\n`);
        }),
      );
  },
};
