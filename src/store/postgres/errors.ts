// The one error a caller sees when the database cannot take a durable write: a stable `code`, so the runtime
// answers 503 without parsing driver messages; the driver's error stays as `cause` (SQLSTATE in `sqlState`).

export const STORE_UNAVAILABLE = 'RULES_STORE_UNAVAILABLE';

export class StoreUnavailableError extends Error {
  readonly code = STORE_UNAVAILABLE;
  /** PostgreSQL's SQLSTATE (`25006` read-only, `57014` timeout...) or the socket error code, when known. */
  readonly sqlState: string | undefined;
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`the store refused the write: ${detail}`, { cause });
    this.name = 'StoreUnavailableError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.sqlState = typeof code === 'string' ? code : undefined;
  }
}

export const unavailable = (cause: unknown): StoreUnavailableError =>
  cause instanceof StoreUnavailableError ? cause : new StoreUnavailableError(cause);
