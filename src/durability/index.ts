// Durability (issue 8): recovery on start and re-emitting stored trigger instances.
export { recoverOnStart, ABANDON_REASON, MAX_ABANDON_RETRIES } from './recovery.ts';
export type { RecoveryReport } from './recovery.ts';
export { reEmitTriggerInstance } from './re-emit.ts';
export type { ReEmitResult } from './re-emit.ts';
export { pruneOnce, startRetention, parseRetention, DEFAULT_RETENTION_MS } from './retention.ts';
