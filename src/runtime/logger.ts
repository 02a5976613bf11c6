// JSON logs with pino. Credentials never reach a log line: auth headers are not logged and the auth query
// parameters are masked in every URL we log.
import { createRequire } from 'node:module';
import type pino from 'pino';
import type { Logger } from 'pino';

// Loaded on first use, not at import: commands that never serve (compile, test, help) do not pay for it (issue 18).
const require = createRequire(import.meta.url);

/** Query parameters that carry credentials (auth.ts reads them by their decoded names). */
const SECRET_NAMES = new Set(['st2-api-key', 'x-auth-token']);

/** A query parameter's name as URLSearchParams decodes it (`st2%2Dapi%2Dkey` is `st2-api-key`). */
function decodedName(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  for (const [name] of new URLSearchParams(`${raw}=`)) return name;
  return raw;
}

/**
 * Masks the values of credential parameters, matched by their decoded names as authentication reads them.
 * `/v1/webhooks/x?st2-api-key=abc&a=1` → `/v1/webhooks/x?st2-api-key=********&a=1`; `?st2%2Dapi%2Dkey=abc` too.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const hash = url.indexOf('#', q);
  const end = hash === -1 ? url.length : hash;
  const pairs = url.slice(q + 1, end).split('&');
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] ?? '';
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq);
    if (!SECRET_NAMES.has(decodedName(name).toLowerCase())) continue;
    pairs[i] = `${name}=********`;
    changed = true;
  }
  return changed ? `${url.slice(0, q + 1)}${pairs.join('&')}${url.slice(end)}` : url;
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    // Defence in depth: whatever logs a headers object gets these paths masked.
    redact: {
      paths: [
        'headers["x-auth-token"]',
        'headers["st2-api-key"]',
        'headers.cookie',
        'headers.authorization',
        'req.headers["x-auth-token"]',
        'req.headers["st2-api-key"]',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      censor: '********',
    },
  };
  const create = require('pino') as typeof pino;
  return options.destination ? create(base, options.destination) : create(base);
}

export type { Logger };
