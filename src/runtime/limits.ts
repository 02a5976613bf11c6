// Resolving the resource limits of `rules serve` and `rules compile` (issue 16; the table itself is in
// src/model/limits.ts): flags > environment > config file > default, with errors naming the source.
import { readFileSync } from 'node:fs';

import { DEFAULT_LIMITS, LIMIT_OPTIONS } from '../model/index.ts';
import type { LimitOption, ServerLimits } from '../model/index.ts';

export { DEFAULT_LIMITS, LIMIT_OPTIONS };
export type { LimitOption, ServerLimits };

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
