// Filter `decrypt_kv`: StackStorm decrypts a secret datastore value with its crypto key. Our datastore keeps
// secret values as given (masked only when shown), so `st2kv.system.x` already holds the plain value.
import type { FilterDef } from './types.ts';

export const decryptKvFilter: FilterDef = {
  name: 'decrypt_kv',
  params: [],
  apply(value, _a, _env, _k) {
    return value;
  },
};
