// The runtime's view of the store's key-value datastore: `st2kv` for templates and criteria, and the secret
// lookup of webhook signatures (`{datastore: KEY}` reads a system-scope key, `{env: NAME}` the environment).
import type { KvRepository } from '../store/index.ts';
import { envSecretLookup } from '../webhooks/index.ts';
import type { SecretLookup } from '../webhooks/index.ts';

export type DatastoreSnapshot = { system: Record<string, unknown>; user: Record<string, unknown> };

/**
 * A provider read once per call (each trigger instance sees the keys as they are when it is processed).
 * `user` is the scope of `st2kv.user.*`: StackStorm uses the user of the action context; ours is one user.
 */
export function datastoreProvider(kv: KvRepository, user = 'admin'): () => DatastoreSnapshot {
  return () => kv.snapshot(user);
}

/** `{env}` from the environment, `{datastore: KEY}` from the system scope (expired keys are unset). */
export function storeSecretLookup(kv: KvRepository, env: Readonly<Record<string, string | undefined>> = process.env): SecretLookup {
  const fromEnv = envSecretLookup(env);
  return (ref) => {
    if ('env' in ref) return fromEnv(ref);
    const value = kv.get(ref.datastore, { scope: 'system' })?.value;
    return value === undefined || value === '' ? undefined : [value];
  };
}
