// The datastore as templates see it (`st2kv.system.key`): a missing key renders "" as StackStorm's
// KeyValueLookup does, instead of raising like a missing dict key.
import { PY_TYPE } from '../python/index.ts';

export class DatastoreScope {
  readonly [PY_TYPE] = 'KeyValueLookup';
  readonly values: ReadonlyMap<string, unknown>;
  constructor(values: Readonly<Record<string, unknown>>) {
    this.values = new Map(Object.entries(values));
  }
  get(key: string): unknown {
    return this.values.has(key) ? this.values.get(key) : '';
  }
}
