// `rules token create --user U --ttl S`: a token in the local store (st2auth's job in StackStorm), for
// X-Auth-Token / ?x-auth-token. TTL default and maximum 86400 s as StackStorm's `auth.token_ttl`.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { DEFAULT_TOKEN_TTL_SECONDS, openAnyStore } from '../../store/index.ts';
import { print, DEFAULT_STORE } from '../../app/index.ts';
import { storePath } from './apikey.ts';

interface Flags {
  user: string;
  ttl?: string;
  store?: string;
  data?: string;
  json?: boolean;
}

export const tokenCommand: CliCommand = {
  register(program: Command) {
    program
      .command('token')
      .description('auth tokens (local store)')
      .command('create')
      .description('create a token; it expires after --ttl seconds')
      .option('-u, --user <name>', 'owner of the token', 'admin')
      .option('--ttl <seconds>', `lifetime in seconds, 1..${DEFAULT_TOKEN_TTL_SECONDS}`)
      .option('--store <path>', `SQLite store file (default RULES_STORE or ./${DEFAULT_STORE})`)
      .option('--data <dir>', 'data directory: the store is <dir>/rules.db')
      .option('--json', 'print JSON')
      .action(async (flags: Flags) => {
        const ttl = flags.ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(flags.ttl);
        if (!Number.isInteger(ttl) || ttl < 1)
          throw new UsageError(`--ttl must be a whole number of seconds >= 1, got ${flags.ttl}`);
        if (ttl > DEFAULT_TOKEN_TTL_SECONDS)
          throw new UsageError(`TTL specified ${ttl} is greater than max allowed ${DEFAULT_TOKEN_TTL_SECONDS}.`);
        const store = await openAnyStore(storePath(flags));
        try {
          const t = await store.tokens.create({ user: flags.user, ttlSeconds: ttl });
          print(
            flags.json
              ? `${JSON.stringify({ user: t.user, token: t.token, expiry: t.expiry, id: t.id, metadata: t.metadata })}\n`
              : `${t.token}\n`,
          );
        } finally {
          await store.close();
        }
      });
  },
};
