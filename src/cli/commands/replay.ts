// `rules replay --since TIME [--webhook URL] [--trigger REF]`: re-emits every stored trigger instance since TIME,
// oldest first.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import {
  ApiError,
  apiBase,
  print,
  instancesSinceAny,
  parseSince,
  reEmit,
  webhookTriggerRefs,
} from '../../app/index.ts';
import { runApi } from './api-command.ts';

export const replayCommand: CliCommand = {
  register(program: Command) {
    program
      .command('replay')
      .description('re-emit every trigger instance received since TIME (ISO time or 15m, 1h, 7d)')
      .requiredOption('--since <time>', 'ISO time or relative age')
      .option('--webhook <url>', 'only instances received on this webhook url (all its Triggers)')
      .option('--trigger <ref>', 'only instances of this Trigger (a webhook Trigger ref, see trigger-instance list)')
      .option('--url <url>', 'API base URL (default RULES_URL or http://127.0.0.1:9101)')
      .action((flags: { since: string; webhook?: string; trigger?: string; url?: string }) =>
        runApi(async () => {
          const since = parseSince(flags.since);
          if (since === undefined)
            throw new ApiError(`--since: "${flags.since}" is neither an ISO time nor an age like 1h`);
          const base = apiBase(flags.url);
          const triggers = flags.webhook !== undefined ? await webhookTriggerRefs(base, flags.webhook) : [];
          if (flags.trigger !== undefined) {
            if (flags.webhook !== undefined && !triggers.includes(flags.trigger))
              throw new ApiError(`--trigger ${flags.trigger} is not a Trigger of webhook "${flags.webhook}"`);
            triggers.splice(0, triggers.length, flags.trigger);
          }
          const rows = await instancesSinceAny(base, since, triggers);
          for (const row of rows) {
            const answer = await reEmit(base, row.id);
            print(`${row.id} -> ${answer.trigger_instance.id}\n`);
          }
          print(`${rows.length} trigger instance(s) re-emitted\n`);
        }),
      );
  },
};
