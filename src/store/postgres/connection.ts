// The connection pool: bounded connect and statement times so a database that is down or stuck fails a commit
// quickly instead of holding webhook requests open, and the url shown in logs without its password.
import pg from 'pg';
import type { CustomTypesConfig, Pool } from 'pg';

export interface PostgresConnectOptions {
  /** Pool size (default 10). */
  poolSize?: number;
  /** Gives up connecting after this long (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout` and client-side query timeout (default 10000 ms). */
  statementTimeoutMs?: number;
  /** Sets `search_path` (a plain lower-case identifier), e.g. one schema per test file or per deployment. */
  schema?: string;
}

// BIGINT columns hold epoch milliseconds, well inside Number's safe range; pg returns int8 as a string by default.
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
// The cast: pg's overloaded getTypeParser signature cannot be written as one arrow function.
const builtin = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : builtin(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/** `postgres://user:****@host/db`: the url with any password masked (unparseable urls are hidden whole). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

export function createPool(url: string, options: PostgresConnectOptions, onIdleError: (error: Error) => void): Pool {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(`schema must be a plain lower-case identifier: ${JSON.stringify(options.schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeout,
    // A little longer than the server's timeout: the client gives up even when the server never answers.
    query_timeout: statementTimeout + 2_000,
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
    types,
    // Pipeline mode: the statements of a group commit go out together instead of one round trip each.
    pipeline: true,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on('error', onIdleError);
  return pool;
}
