// `rules webhook list [--json] [--url URL]`: like `st2 webhook list` (columns url, type, description, sorted by
// url), offline from the packs or from a running server.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { apiBase, apiGet, print, table, compileRuleSet, packRoots } from '../../app/index.ts';
import { listWebhooks } from '../../runtime/index.ts';
import { runApi } from './api-command.ts';

interface Flags {
  url?: string;
  json?: boolean;
  packs?: string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Rows as st2 prints them: `url` copied from parameters.url (un-normalised), sorted by it. */
export function webhookRows(triggers: readonly unknown[]): Array<{ url: string; type: string; description: string }> {
  const rows = triggers.map((t) => {
    const o = (t ?? {}) as { parameters?: { url?: unknown }; type?: unknown; description?: unknown };
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    return { url: str(o.parameters?.url), type: str(o.type), description: str(o.description) };
  });
  return rows.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export const webhookCommand: CliCommand = {
  register(program: Command) {
    const webhook = program.command('webhook').description('registered webhooks');
    webhook
      .command('list')
      .description('list webhooks: url, type, description (from the packs, or from a server with --url)')
      .option('--url <url>', 'ask a running server (e.g. http://127.0.0.1:9101) instead of compiling the packs')
      .option('--packs <dir>', 'pack root (repeatable; default RULES_PACKS or ./packs)', collect)
      .option('--json', 'print the Trigger objects as JSON')
      .action((flags: Flags) =>
        runApi(async () => {
          const triggers: unknown[] =
            flags.url !== undefined
              ? ((await apiGet(apiBase(flags.url), '/v1/webhooks')) as unknown[])
              : listWebhooks((await compileRuleSet(packRoots(flags.packs), 1)).ruleSet);
          print(
            flags.json
              ? `${JSON.stringify(triggers, null, 2)}\n`
              : table(webhookRows(triggers), ['url', 'type', 'description']),
          );
        }),
      );
  },
};
