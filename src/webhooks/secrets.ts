// Turns the secret references of a scheme into the list of candidate secret values.
import type { SecretLookup, SecretRef } from '../model/index.ts';

/** Names a reference for messages without ever printing a value. */
export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `environment variable ${ref.env}` : `datastore key ${ref.datastore}`;
}

/**
 * Every non-empty value of every reference, primary first. An empty secret would make any HMAC
 * "valid" for whoever guesses it is empty, so it counts as not set.
 */
export function resolveSecrets(refs: readonly SecretRef[], lookup: SecretLookup): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    for (const value of lookup(ref) ?? []) {
      if (typeof value === 'string' && value.length > 0) out.push(value);
    }
  }
  return out;
}

/** A lookup that reads `{env: NAME}` references from an environment (process.env by default); datastore refs are unset. */
export function envSecretLookup(env: Readonly<Record<string, string | undefined>> = process.env): SecretLookup {
  return (ref) => {
    if (!('env' in ref)) return undefined;
    const value = Object.hasOwn(env, ref.env) ? env[ref.env] : undefined;
    return value === undefined || value === '' ? undefined : [value];
  };
}

/** The message when no reference resolved to a value. */
export function noSecretMessage(refs: readonly SecretRef[]): string {
  if (refs.length === 0) return 'no signature secret is configured';
  return `no signature secret is set (${refs.map(describeSecretRef).join(', ')})`;
}
