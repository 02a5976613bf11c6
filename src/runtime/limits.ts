// The resource limits of `rules serve` (issue 16): how long a client may take to send its headers and its body,
// how many connections may be open, how many bytes of bodies nobody has authenticated yet may be held in memory,
// and how large a pack file may be (the last is also `rules compile`'s). One table: each limit's flag,
// environment variable, config key, default and meaning, read by `rules serve` (flags > environment > config
// file > default) and by docs/cli.md.
import { readFileSync } from 'node:fs';

export interface ServerLimits {
  /** A request's whole body must arrive within this time after its headers (ms; 0: no limit). */
  bodyTimeoutMs: number;
  /** A request's headers must arrive within this time after the connection opened or went idle (ms). */
  headersTimeoutMs: number;
  /** Open connections at most; beyond, the oldest without a request in progress is closed (or the new one). */
  maxConnections: number;
  /** Bytes of request bodies not yet authenticated (signature-only urls, --no-auth) held at once. */
  unverifiedBodyBytes: number;
  /** Pack files larger than this are refused by the loader and the watcher (the compile stage's, read by serve). */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  bodyTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  maxConnections: 4096,
  unverifiedBodyBytes: 64 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
};

/**
 * The connection cap when none is given: 4096, but never more than three quarters of the process's open-file
 * limit (Linux: /proc/self/limits), so the store, the WAL, the watcher and action pipes always get descriptors.
 * @example defaultMaxConnections('Max open files  400  400  files') // 300
 */
export function defaultMaxConnections(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return DEFAULT_LIMITS.maxConnections;
    }
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  if (soft === undefined) return DEFAULT_LIMITS.maxConnections;
  return Math.max(16, Math.min(DEFAULT_LIMITS.maxConnections, Math.floor((Number(soft) * 3) / 4)));
}

export interface LimitOption {
  key: keyof ServerLimits;
  /** `--body-timeout <seconds>` (commander's camelCase of it is the flags key). */
  flag: string;
  env: string;
  /** Key of the config file. */
  config: string;
  unit: 'seconds' | 'count' | 'bytes';
  description: string;
}

export const LIMIT_OPTIONS: readonly LimitOption[] = [
  {
    key: 'bodyTimeoutMs',
    flag: '--body-timeout <seconds>',
    env: 'RULES_BODY_TIMEOUT',
    config: 'bodyTimeout',
    unit: 'seconds',
    description: 'a request body must arrive within this many seconds, else 408 (0: no limit; default 30)',
  },
  {
    key: 'headersTimeoutMs',
    flag: '--headers-timeout <seconds>',
    env: 'RULES_HEADERS_TIMEOUT',
    config: 'headersTimeout',
    unit: 'seconds',
    description: 'request headers must arrive within this many seconds, else the connection is closed (default 10)',
  },
  {
    key: 'maxConnections',
    flag: '--max-connections <n>',
    env: 'RULES_MAX_CONNECTIONS',
    config: 'maxConnections',
    unit: 'count',
    description:
      'open connections at most; beyond, the oldest idle or half-open one is closed (default 4096, at most 3/4 of ulimit -n)',
  },
  {
    key: 'unverifiedBodyBytes',
    flag: '--unverified-body-bytes <n>',
    env: 'RULES_UNVERIFIED_BODY_BYTES',
    config: 'unverifiedBodyBytes',
    unit: 'bytes',
    description:
      'bytes of not yet authenticated bodies (auth: signature urls, --no-auth) held at once, else 503 (default 67108864)',
  },
  {
    key: 'maxFileBytes',
    flag: '--max-file-bytes <n>',
    env: 'RULES_MAX_FILE_BYTES',
    config: 'maxFileBytes',
    unit: 'bytes',
    description: 'pack files larger than this are refused with a diagnostic, never read (default 1048576)',
  },
];

/** commander's attribute name of a flag: `--body-timeout <s>` → `bodyTimeout`. */
export const flagKey = (flag: string): string =>
  (flag.split(' ')[0] ?? '').replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function parseLimit(option: LimitOption, value: unknown, from: string): number {
  const text = String(value).trim();
  const n = Number(text);
  const ok =
    text !== '' &&
    Number.isFinite(n) &&
    n >= 0 &&
    (option.unit === 'seconds' || Number.isInteger(n)) &&
    (option.unit !== 'count' || n >= 1);
  if (!ok)
    throw new Error(
      `${from}: not ${option.unit === 'seconds' ? 'a number of seconds' : option.unit === 'count' ? 'a positive integer' : 'a number of bytes'}: ${text}`,
    );
  return option.unit === 'seconds' ? Math.round(n * 1000) : n;
}

/**
 * Each limit from its flag, else its environment variable, else the config file, else the default.
 * Throws an Error naming the source of a value that does not parse.
 * @example resolveLimits({ bodyTimeout: '5' }, {}, {}).bodyTimeoutMs // 5000
 */
export function resolveLimits(
  flags: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  config: Readonly<Record<string, unknown>>,
): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, maxConnections: defaultMaxConnections() };
  for (const option of LIMIT_OPTIONS) {
    const flag = flags[flagKey(option.flag)];
    const fromEnv = env[option.env];
    const fromConfig = Object.hasOwn(config, option.config) ? config[option.config] : undefined;
    if (flag !== undefined) limits[option.key] = parseLimit(option, flag, option.flag.split(' ')[0] ?? '');
    else if (fromEnv !== undefined && fromEnv !== '') limits[option.key] = parseLimit(option, fromEnv, option.env);
    else if (fromConfig !== undefined) limits[option.key] = parseLimit(option, fromConfig, `config ${option.config}`);
  }
  // node reads 0 as "no timeout": headers that never end would hold their connection for ever.
  if (limits.headersTimeoutMs === 0) throw new Error('--headers-timeout / RULES_HEADERS_TIMEOUT: must be more than 0');
  return limits;
}

/**
 * `rules compile`'s `--max-file-bytes`, else RULES_MAX_FILE_BYTES, else the default.
 * @example maxFileBytes(undefined, { RULES_MAX_FILE_BYTES: '2048' }) // 2048
 */
export function maxFileBytes(flag: unknown, env: NodeJS.ProcessEnv): number {
  return resolveLimits(flag === undefined ? {} : { maxFileBytes: flag }, env, {}).maxFileBytes;
}
