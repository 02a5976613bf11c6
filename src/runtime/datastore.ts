// The runtime's view of the store's key-value datastore: `st2kv` for templates and criteria, and the secret
// lookup of webhook signatures (`{datastore: KEY}` reads a system-scope key, `{env: NAME}` the environment).
import type { KvStore } from '../store/index.ts';
import { envSecretLookup } from '../webhooks/index.ts';
import type { SecretLookup, SecretRef } from '../model/index.ts';

export type DatastoreSnapshot = { system: Record<string, unknown>; user: Record<string, unknown> };

/**
 * A provider read once per call (the engine calls it once per batch of trigger instances, so each batch sees
 * the keys as they are when it is processed). `user` is the scope of `st2kv.user.*`: StackStorm uses the user
 * of the action context; ours is one user.
 */
export function datastoreProvider(kv: Pick<KvStore, 'snapshot'>, user = 'admin'): () => Promise<DatastoreSnapshot> {
  return () => kv.snapshot(user);
}

/** A SecretLookup whose answers may come from the store (a promise). */
export type AsyncSecretLookup = (
  ref: SecretRef,
) => readonly string[] | undefined | Promise<readonly string[] | undefined>;

/** `{env}` from the environment, `{datastore: KEY}` from the system scope (expired keys are unset). */
export function storeSecretLookup(
  kv: Pick<KvStore, 'get'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): AsyncSecretLookup {
  const fromEnv = envSecretLookup(env);
  return async (ref) => {
    if ('env' in ref) return fromEnv(ref);
    const value = (await kv.get(ref.datastore, { scope: 'system' }))?.value;
    return value === undefined || value === '' ? undefined : [value];
  };
}

/**
 * Reads every secret `refs` name (the signature check itself is synchronous), and returns a lookup over the
 * answers: keyed by the reference objects themselves, so the check sees exactly what was read for this request.
 */
export async function prefetchSecrets(lookup: AsyncSecretLookup, refs: readonly SecretRef[]): Promise<SecretLookup> {
  const answers = new Map<SecretRef, readonly string[] | undefined>();
  for (const ref of refs) answers.set(ref, await lookup(ref));
  return (ref) => (answers.has(ref) ? answers.get(ref) : undefined);
}
