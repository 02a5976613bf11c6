// Accepted webhook delivery ids on PostgreSQL (dedupe window), as SQLite's deliveries.ts.
import type { Pool } from 'pg';
import type { DeliveryRecord } from '../deliveries.ts';
import type { DeliveryStore } from '../types.ts';

export function createDeliveryStore(pool: Pool): DeliveryStore {
  return {
    async find(hook, deliveryId, since) {
      const { rows } = await pool.query<DeliveryRecord>(
        'SELECT hook, delivery_id, trigger_instance_id, received_at FROM deliveries WHERE hook = $1 AND delivery_id = $2 AND received_at >= $3',
        [hook, deliveryId, since],
      );
      return rows[0];
    },
    async record(r) {
      await pool.query(
        'INSERT INTO deliveries (hook, delivery_id, trigger_instance_id, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (hook, delivery_id) DO UPDATE SET trigger_instance_id = excluded.trigger_instance_id, received_at = excluded.received_at',
        [r.hook, r.delivery_id, r.trigger_instance_id, r.received_at],
      );
    },
    prune: async (before) =>
      (await pool.query('DELETE FROM deliveries WHERE received_at < $1', [before])).rowCount ?? 0,
  };
}
