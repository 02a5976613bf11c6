// An in-memory SQLite database with the store's tables, for repository and engine tests (writes land at once).
import Database from 'better-sqlite3';
import { migrate, createExecutionRepository, createEnforcementRepository } from '../../src/store/index.ts';

export function memoryStore() {
  const db = new Database(':memory:');
  migrate(db);
  const statuses = new Map<string, string[]>();
  return {
    db,
    executions: createExecutionRepository(db),
    enforcements: createEnforcementRepository(db),
    statuses,
    setTriggerInstanceStatus(id: string, status: string) {
      statuses.set(id, [...(statuses.get(id) ?? []), status]);
    },
  };
}
