// What retention prunes, for every backend: the tables whose rows age out and the column holding their time.
// Table and column names come from this fixed list only, never from input.

/** Lease length on work a node owns, when not configured (both backends). */
export const DEFAULT_LEASE_MS = 30_000;

export const PRUNED_TABLES = [
  ['trigger_instances', 'occurrence_time'],
  ['rule_enforcements', 'enforced_at'],
  ['executions', 'start_timestamp'],
] as const;
