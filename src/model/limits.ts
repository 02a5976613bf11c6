// The resource limits of `rules serve` and `rules compile` as data (issue 16): each limit's flag, environment
// variable, config key, unit and meaning, and the defaults. Plain values, so `rules serve --help` can list the
// flags without loading the runtime; src/runtime/limits.ts resolves them.

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
