// `rules serve`: the command's options; the process is assembled by serve() in src/app/serve.ts.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORE, resolveServeOptions, serve } from '../../app/index.ts';
import type { ServeFlags } from '../../app/index.ts';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const serveCommand: CliCommand = {
  register(program: Command) {
    program
      .command('serve')
      .description('serve the StackStorm webhook API for the compiled packs')
      .option('--packs <dir>', 'pack root (repeatable; default RULES_PACKS or ./packs)', collect)
      .option('--port <n>', `listen port (default RULES_PORT or ${DEFAULT_PORT})`)
      .option('--host <h>', `listen address (default RULES_HOST or ${DEFAULT_HOST})`)
      .option(
        '--config <file>',
        'YAML/JSON config file (port, host, packs, store, bodyLimit, production, allowOrigins, auth.enabled)',
      )
      .option(
        '--store <path|url>',
        `SQLite store file, or postgres://user:password@host/db for several nodes on one database (default RULES_STORE or ./${DEFAULT_STORE})`,
      )
      .option(
        '--node-id <id>',
        "this node's id in the store's work leases (default RULES_NODE_ID or random per process)",
      )
      .option(
        '--lease <age>',
        "lease on work this node holds; a stopped node's work is taken over after it (default RULES_LEASE or 30s)",
      )
      .option(
        '--data <dir>',
        'data directory: the store is <dir>/rules.db; pack virtualenvs are in <dir>/virtualenvs ' +
          "(default RULES_DATA, else the store's folder)",
      )
      .option('--no-auth', 'disable authentication (local experiments only)')
      .option('--watch', 'recompile and swap the rule set when packs change')
      .option(
        '--htpasswd <file>',
        'htpasswd file (bcrypt or {SHA}) for POST /auth/v1/tokens (default RULES_HTPASSWD or auth.htpasswd)',
      )
      .option('--retention <age>', 'prune records older than this (30d, 12h, seconds; 0 keeps forever; default 30d)')
      .option('--production', "StackStorm's production (gunicorn) semantics: text/plain bodies are not JSON")
      .action(async (flags: ServeFlags) => {
        const options = resolveServeOptions(flags);
        const server = await serve(options);
        await new Promise<void>((done) => {
          const stop = (): void => {
            void server.close().then(done);
          };
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
      });
  },
};
