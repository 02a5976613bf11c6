// `rules execution list|get|re-run`: executions through the API, a table by default, `--json` for the raw records.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { ApiError, apiBase, apiGet, apiPost, details, print, table } from '../../app/index.ts';
import type { ApiFlags } from '../../app/index.ts';
import { runApi } from './api-command.ts';

const LIST_COLUMNS = ['id', 'action.ref', 'rule.ref', 'status', 'start_timestamp', 'end_timestamp'];
const GET_FIELDS = [
  'id',
  'action.ref',
  'rule.ref',
  'trigger_instance.id',
  'status',
  'start_timestamp',
  'end_timestamp',
  'parameters',
];

/** `key=value` arguments of `re-run`, as st2's CLI takes them; values stay text (the server casts by type). */
export function reRunParameters(args: readonly string[]): Record<string, string> {
  // No prototype: `__proto__=x` is a parameter name like any other.
  const out = Object.create(null) as Record<string, string>;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new ApiError(`re-run: a parameter is key=value, not ${JSON.stringify(arg)}`);
    out[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return out;
}

export const executionCommand: CliCommand = {
  register(program: Command) {
    const execution = program.command('execution').description('executions of actions run by rules');
    execution
      .command('list')
      .description('list executions, newest first')
      .option('--url <url>', 'API base URL (default RULES_URL or http://127.0.0.1:9101)')
      .option('--action <ref>', 'only this action')
      .option('--rule <ref>', 'only this rule')
      .option('--status <status>', 'requested|scheduled|running|succeeded|failed|timeout|canceled')
      .option('--trigger-instance <id>', 'only executions of this trigger instance')
      .option('-n, --limit <n>', 'how many', '50')
      .option('--json', 'print the records as JSON')
      .action(
        (
          flags: ApiFlags & {
            action?: string;
            rule?: string;
            status?: string;
            triggerInstance?: string;
            limit: string;
          },
        ) =>
          runApi(async () => {
            const rows = (await apiGet(apiBase(flags.url), '/v1/executions', {
              action: flags.action,
              rule: flags.rule,
              status: flags.status,
              trigger_instance: flags.triggerInstance,
              limit: flags.limit,
            })) as unknown[];
            print(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows, LIST_COLUMNS));
          }),
      );
    execution
      .command('get <id>')
      .description('show one execution with its result (stdout, stderr, return code or HTTP status and body)')
      .option('--url <url>', 'API base URL')
      .option('--json', 'print the record as JSON')
      .action((id: string, flags: ApiFlags) =>
        runApi(async () => {
          const record = (await apiGet(apiBase(flags.url), `/v1/executions/${encodeURIComponent(id)}`)) as {
            result?: Record<string, unknown>;
          };
          if (flags.json) return print(`${JSON.stringify(record, null, 2)}\n`);
          const resultFields = Object.keys(record.result ?? {}).map((k) => `result.${k}`);
          print(details(record, [...GET_FIELDS, ...resultFields]));
        }),
      );
    execution
      .command('re-run <id> [parameters...]')
      .description("run an execution's action again with its parameters, key=value ones on top (st2 execution re-run)")
      .option('--url <url>', 'API base URL')
      .option('--no-merge', "run with the given parameters only, not the earlier execution's")
      .option('--json', 'print the new record as JSON')
      .action((id: string, args: string[], flags: ApiFlags & { merge: boolean }) =>
        runApi(async () => {
          const parameters = reRunParameters(args);
          const record = await apiPost(
            apiBase(flags.url),
            `/v1/executions/${encodeURIComponent(id)}/re_run`,
            { parameters },
            { no_merge: flags.merge ? undefined : 'true' },
          );
          print(flags.json ? `${JSON.stringify(record, null, 2)}\n` : details(record, GET_FIELDS));
        }),
      );
  },
};
