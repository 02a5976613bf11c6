// An in-memory SQLite database with the actions stage's tables, for repository and engine tests.
import Database from 'better-sqlite3';
import { createExecutionRepository, executionsMigration } from '../../src/store/executions.ts';
import { createEnforcementRepository, enforcementsMigration } from '../../src/store/enforcements.ts';

/** `transaction: false` leaves the engine to write record by record (the path without a transaction hook). */
export function memoryStore(options: { transaction?: boolean } = {}) {
  const db = new Database(':memory:');
  db.exec(executionsMigration.sql);
  db.exec(enforcementsMigration.sql);
  const statuses = new Map<string, string[]>();
  return {
    db,
    ...(options.transaction === false ? {} : { transaction: <T>(fn: () => T): T => db.transaction(fn)() }),
    executions: createExecutionRepository(db),
    enforcements: createEnforcementRepository(db),
    statuses,
    setTriggerInstanceStatus(id: string, status: string) {
      statuses.set(id, [...(statuses.get(id) ?? []), status]);
    },
  };
}
