// Public surface of enforcement: the engine (the runtime's TriggerProcessor), parameter rendering, compile-time checks.
export { createEngine } from './engine.ts';
export type {
  Engine,
  EngineOptions,
  EngineStore,
  EngineLogger,
  TriggerInstanceInput,
  TriggerInstanceStatus,
} from './engine.ts';
export { engineStore, actionsMigrations } from './store.ts';
export { finalizeParameters } from './finalize.ts';
export { mergeParameterSpecs, maskSecrets, MASK } from './schema.ts';
export { renderActionParameters } from './params.ts';
export type { ReRunOutcome, ReRunRequest } from './re-run.ts';
export { recoverOnStart, ABANDON_REASON, MAX_ABANDON_RETRIES } from './recovery.ts';
export type { RecoveryReport, RecoveryDeps } from './recovery.ts';
export { prepareExecution, executionContext, DEFAULT_SYSTEM_USER } from './prepare.ts';
export type { ActionRuntime, Datastore, Prepared } from './prepare.ts';
