// JSON logs with pino. Credentials never reach a log line: auth headers are not logged and the auth query
// parameters are masked in every URL we log.
import { createRequire } from 'node:module';
import type pino from 'pino';
import type { Logger } from 'pino';

// Loaded on first use, not at import: commands that never serve (compile, test, help) do not pay for it (issue 18).
const require = createRequire(import.meta.url);

const SECRET_QUERY = /([?&](?:st2-api-key|x-auth-token)=)[^&#]*/gi;

/** `/v1/webhooks/x?st2-api-key=abc&a=1` → `/v1/webhooks/x?st2-api-key=********&a=1` */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1********');
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
