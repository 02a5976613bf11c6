// `rules key set|get|list|delete`: StackStorm's `st2 key` against the local store's datastore (st2kv). Values
// marked --secret are stored as given (no crypto key like st2's) and masked in `get`/`list` unless --decrypt.
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { openAnyStore } from '../../store/index.ts';
import type { KvRecord, KvScope, Store } from '../../store/index.ts';
import { print, table, DEFAULT_STORE } from '../../app/index.ts';
import { storePath } from './apikey.ts';

interface KeyFlags {
  store?: string;
  data?: string;
  json?: boolean;
  scope?: string;
  user?: string;
  decrypt?: boolean;
}

async function withStore<T>(flags: KeyFlags, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openAnyStore(storePath(flags), { writer: 'inline' });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

function scopeOf(flags: KeyFlags): KvScope {
  const scope = flags.scope ?? 'system';
  // st2 also accepts `st2kv.system`/`st2kv.user`.
  const bare = scope.startsWith('st2kv.') ? scope.slice('st2kv.'.length) : scope;
  if (bare !== 'system' && bare !== 'user') throw new UsageError(`--scope must be system or user, not ${scope}`);
  return bare;
}

const MASK = '********';
const view = (r: KvRecord, decrypt: boolean): Record<string, unknown> => ({
  name: r.name,
  value: r.secret && !decrypt ? MASK : r.value,
  scope: r.scope,
  user: r.user ?? '',
  secret: r.secret,
  expire_timestamp: r.expire_timestamp ?? '',
});

const storeOptions = (c: Command): Command =>
  c
    .option('--store <path>', `SQLite store file (default RULES_STORE or ./${DEFAULT_STORE})`)
    .option('--data <dir>', 'data directory: the store is <dir>/rules.db')
    .option('--json', 'print JSON');
const scopeOptions = (c: Command): Command =>
  c.option('--scope <scope>', 'system or user', 'system').option('--user <name>', 'owner of a user-scope key', 'admin');

export const keyCommand: CliCommand = {
  register(program: Command) {
    const key = program
      .command('key')
      .description('the datastore (st2kv) in the local store: st2kv.system.* / st2kv.user.* in templates');
    scopeOptions(storeOptions(key.command('set <name> <value>').description('create or replace a key')))
      .option('--secret', 'mark the value secret (masked when shown)')
      .option('--ttl <seconds>', 'expire the key after this many seconds')
      .action((name: string, value: string, flags: KeyFlags & { secret?: boolean; ttl?: string }) => {
        const scope = scopeOf(flags);
        let ttlSeconds: number | undefined;
        if (flags.ttl !== undefined) {
          ttlSeconds = Number(flags.ttl);
          if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
            throw new UsageError(`--ttl must be a positive whole number of seconds, not ${flags.ttl}`);
        }
        return withStore(flags, async (store) => {
          const record = await store.kv.set({
            name,
            value,
            scope,
            ...(flags.user !== undefined ? { user: flags.user } : {}),
            secret: flags.secret === true,
            ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
          });
          print(
            flags.json
              ? `${JSON.stringify(view(record, false))}\n`
              : `key ${name} set (${scope}${record.user !== undefined ? ` ${record.user}` : ''})\n`,
          );
        });
      });
    scopeOptions(storeOptions(key.command('get <name>').description('print a key')))
      .option('--decrypt', 'show a secret value')
      .action((name: string, flags: KeyFlags) => {
        const scope = scopeOf(flags);
        return withStore(flags, async (store) => {
          const record = await store.kv.get(name, { scope, ...(flags.user !== undefined ? { user: flags.user } : {}) });
          if (!record) throw new UsageError(`no key ${name} in scope ${scope}`);
          const shown = view(record, flags.decrypt === true);
          print(flags.json ? `${JSON.stringify(shown)}\n` : `${String(shown['value'])}\n`);
        });
      });
    storeOptions(key.command('list').description('list keys (secret values masked)'))
      .option('--scope <scope>', 'only system or user keys')
      .option('--user <name>', 'only this user among user-scope keys')
      .option('--decrypt', 'show secret values')
      .action((flags: KeyFlags) => {
        const scope = flags.scope === undefined ? undefined : scopeOf(flags);
        return withStore(flags, async (store) => {
          const rows = (
            await store.kv.list({
              ...(scope ? { scope } : {}),
              ...(flags.user !== undefined ? { user: flags.user } : {}),
            })
          ).map((r) => view(r, flags.decrypt === true));
          print(
            flags.json
              ? `${JSON.stringify(rows, null, 2)}\n`
              : table(rows, ['name', 'value', 'scope', 'user', 'secret', 'expire_timestamp']),
          );
        });
      });
    scopeOptions(storeOptions(key.command('delete <name>').description('delete a key'))).action(
      (name: string, flags: KeyFlags) => {
        const scope = scopeOf(flags);
        return withStore(flags, async (store) => {
          if (!(await store.kv.delete(name, { scope, ...(flags.user !== undefined ? { user: flags.user } : {}) })))
            throw new UsageError(`no key ${name} in scope ${scope}`);
          print(flags.json ? `${JSON.stringify({ name, scope, deleted: true })}\n` : `key ${name} deleted\n`);
        });
      },
    );
  },
};
