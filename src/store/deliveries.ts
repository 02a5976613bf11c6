// Webhook delivery ids already accepted (issue 8): a sender's retry with the same id inside the window is
// answered without storing or dispatching the trigger instance again.
import type { Database } from 'better-sqlite3';

export const deliveriesMigration = {
  name: 'runtime-004-deliveries',
  sql: `
CREATE TABLE IF NOT EXISTS deliveries (
  hook TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  trigger_instance_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (hook, delivery_id)
);
CREATE INDEX IF NOT EXISTS deliveries_received_at ON deliveries (received_at);
`,
};

export interface DeliveryRecord {
  hook: string;
  delivery_id: string;
  trigger_instance_id: string;
  /** Epoch milliseconds. */
  received_at: number;
}

export interface DeliveryRepository {
  /** The delivery accepted at or after `since` (epoch ms), if any. */
  find(hook: string, deliveryId: string, since: number): DeliveryRecord | undefined;
  /** Records (or, for an id older than the window, replaces) a delivery. */
  record(record: DeliveryRecord): void;
  /** Drops deliveries received before `before`; returns how many. */
  prune(before: number): number;
}

export function createDeliveryRepository(db: Database): DeliveryRepository {
  const find = db.prepare<[string, string, number], DeliveryRecord>(
    'SELECT * FROM deliveries WHERE hook = ? AND delivery_id = ? AND received_at >= ?',
  );
  const upsert = db.prepare(
    'INSERT INTO deliveries (hook, delivery_id, trigger_instance_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (hook, delivery_id) DO UPDATE SET trigger_instance_id = excluded.trigger_instance_id, received_at = excluded.received_at',
  );
  const prune = db.prepare('DELETE FROM deliveries WHERE received_at < ?');
  return {
    find: (hook, deliveryId, since) => find.get(hook, deliveryId, since),
    record: (r) => void upsert.run(r.hook, r.delivery_id, r.trigger_instance_id, r.received_at),
    prune: (before) => prune.run(before).changes,
  };
}
