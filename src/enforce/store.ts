// The engine's view of a bare better-sqlite3 database (the actions stage's repositories, written at once):
// for tools and tests that run the engine without the full store. `rules serve` hands it the async Store.
import type { Database } from 'better-sqlite3';
import {
  createExecutionRepository,
  executionsMigration,
  createEnforcementRepository,
  enforcementsMigration,
} from '../store/index.ts';
import type { EngineStore, TriggerInstanceStatus } from './engine.ts';

/** The tables this stage adds, in order (appended to the store's migration list). */
export const actionsMigrations = [executionsMigration, enforcementsMigration] as const;

/**
 * Repositories over `db` (whose migrations have run); `setTriggerInstanceStatus` comes from the runtime's
 * trigger-instance repository when there is one.
 */
export function engineStore(
  db: Database,
  setTriggerInstanceStatus?: (id: string, status: TriggerInstanceStatus) => void,
): EngineStore {
  const store: EngineStore = {
    executions: createExecutionRepository(db),
    enforcements: createEnforcementRepository(db),
  };
  if (setTriggerInstanceStatus) store.setTriggerInstanceStatus = setTriggerInstanceStatus;
  return store;
}
