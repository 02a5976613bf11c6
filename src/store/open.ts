// One entry point for every store location: a `postgres://` (or `postgresql://`) url opens the PostgreSQL store
// (several nodes on one database), anything else is an SQLite file (or `:memory:`).
import { resolve } from 'node:path';
import { openStore } from './index.ts';
import type { Store } from './types.ts';

export interface OpenAnyStoreOptions {
  nodeId?: string;
  leaseMs?: number;
  /** SQLite only: see OpenStoreOptions.writer. */
  writer?: 'worker' | 'inline';
}

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** A url is kept as given; a file path is made absolute. */
export function normaliseStoreLocation(location: string): string {
  return isPostgresUrl(location) || location === ':memory:' ? location : resolve(location);
}

export async function openAnyStore(location: string, options: OpenAnyStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded only when used: an SQLite user never loads pg.
    const { openPostgresStore } = await import('./postgres/index.ts');
    return openPostgresStore(location, {
      ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    });
  }
  return openStore(location, {
    ...(options.writer !== undefined ? { writer: options.writer } : {}),
    ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
}
