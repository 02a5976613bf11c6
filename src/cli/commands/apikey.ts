// `rules apikey create|list|import-hash|enable|disable|delete` against the local store. Keys are stored as
// StackStorm's sha512 hash only, so `create` prints the key once and never again.
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { normaliseStoreLocation, openAnyStore } from '../../store/index.ts';
import type { ApiKeyRecord, Store } from '../../store/index.ts';
import { print, table, DEFAULT_STORE } from '../../app/index.ts';

interface StoreFlags {
  store?: string;
  data?: string;
  json?: boolean;
}

export function storePath(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): string {
  return normaliseStoreLocation(
    flags.store ??
      (flags.data !== undefined ? join(flags.data, 'rules.db') : undefined) ??
      env['RULES_STORE'] ??
      DEFAULT_STORE,
  );
}

async function withStore<T>(flags: StoreFlags, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openAnyStore(storePath(flags));
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

const view = (r: ApiKeyRecord): Record<string, unknown> => ({
  id: r.id,
  uid: r.uid,
  user: r.user,
  key_hash: r.key_hash,
  enabled: r.enabled,
  created_at: r.created_at,
  metadata: r.metadata,
});

const storeOptions = (c: Command): Command =>
  c
    .option('--store <path>', `SQLite store file (default RULES_STORE or ./${DEFAULT_STORE})`)
    .option('--data <dir>', 'data directory: the store is <dir>/rules.db')
    .option('--json', 'print JSON');

function setEnabled(id: string, flags: StoreFlags, enabled: boolean): Promise<void> {
  return withStore(flags, async (store) => {
    const key = await store.apiKeys.get(id);
    if (!key) throw new UsageError(`no API key with id or key_hash ${id}`);
    await store.apiKeys.setEnabled(key.id, enabled);
    print(
      flags.json
        ? `${JSON.stringify({ ...view(key), enabled })}\n`
        : `API key ${key.id} ${enabled ? 'enabled' : 'disabled'}\n`,
    );
  });
}

export const apikeyCommand: CliCommand = {
  register(program: Command) {
    const apikey = program.command('apikey').description('API keys for the webhook API (local store)');
    storeOptions(apikey.command('create').description('create a key; it is printed once and only its hash is stored'))
      .option('-u, --user <name>', 'owner of the key', 'admin')
      .action((flags: StoreFlags & { user: string }) =>
        withStore(flags, async (store) => {
          const { key, record } = await store.apiKeys.create(flags.user);
          if (flags.json) {
            print(`${JSON.stringify({ ...view(record), key })}\n`);
            return;
          }
          print(`${key}\n`);
          process.stderr.write(`rules: API key ${record.id} for ${record.user} created; it will not be shown again.\n`);
        }),
      );
    storeOptions(apikey.command('list').description('list keys (hashes only)')).action((flags: StoreFlags) =>
      withStore(flags, async (store) => {
        const rows = (await store.apiKeys.list()).map(view);
        print(
          flags.json
            ? `${JSON.stringify(rows, null, 2)}\n`
            : table(rows, ['id', 'user', 'enabled', 'created_at', 'key_hash']),
        );
      }),
    );
    storeOptions(
      apikey
        .command('import-hash <key_hash>')
        .description("store a StackStorm key_hash (sha512 of 'saltnpepper' + key)"),
    )
      .option('-u, --user <name>', 'owner of the key', 'admin')
      .option('--disabled', 'import it disabled')
      .action((keyHash: string, flags: StoreFlags & { user: string; disabled?: boolean }) =>
        withStore(flags, async (store) => {
          let record: ApiKeyRecord;
          try {
            record = await store.apiKeys.importHash(keyHash.toLowerCase(), flags.user, flags.disabled !== true);
          } catch (error) {
            throw new UsageError((error as Error).message);
          }
          print(
            flags.json ? `${JSON.stringify(view(record))}\n` : `API key ${record.id} imported for ${record.user}\n`,
          );
        }),
      );
    storeOptions(apikey.command('enable <id>').description('enable a key (id or key_hash)')).action(
      (id: string, flags: StoreFlags) => setEnabled(id, flags, true),
    );
    storeOptions(apikey.command('disable <id>').description('disable a key (id or key_hash)')).action(
      (id: string, flags: StoreFlags) => setEnabled(id, flags, false),
    );
    storeOptions(apikey.command('delete <id>').description('delete a key (id or key_hash)')).action(
      (id: string, flags: StoreFlags) =>
        withStore(flags, async (store) => {
          const key = await store.apiKeys.get(id);
          if (!key) throw new UsageError(`no API key with id or key_hash ${id}`);
          await store.apiKeys.delete(key.id);
          print(flags.json ? `${JSON.stringify({ id: key.id, deleted: true })}\n` : `API key ${key.id} deleted\n`);
        }),
    );
  },
};
