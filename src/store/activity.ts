// What happened since a point in time, counted for the console's overview (issue 19), for every backend. The
// tables have no index on their time columns (each index costs the webhook path a B-tree write), but their ids are
// ObjectIds whose first 8 hex digits are the creation second: a range on the id's unique index counts them.

/** Counts of records created at or after `since`. */
export interface ActivityCounts {
  /** ISO time the counts start at (whole seconds: the ids' resolution). */
  since: string;
  trigger_instances: {
    received: number;
    /** Trigger instances with at least one succeeded rule enforcement (a rule matched and its action was run). */
    matched: number;
  };
  /** Rule enforcements by status (`succeeded`, `failed`). */
  enforcements: Record<string, number>;
  /** Executions by status (`succeeded`, `failed`, `running`, ...). */
  executions: Record<string, number>;
}

/** The smallest ObjectId made at or after `ms`: `newObjectId` puts the seconds in front, big-endian hex. */
export function sinceId(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${seconds.toString(16).padStart(8, '0')}${'0'.repeat(16)}`;
}

/**
 * SQLite's queries. Without statistics its planner prefers the index that avoids a sort (instance/rule for the
 * DISTINCT, status/lease for the GROUP BY) and scans the whole table; a unary `+` on that column takes the index
 * out of play, so each query is a range on the id index (EXPLAIN QUERY PLAN: SEARCH ... USING INDEX ... (id>?)).
 */
export const SQLITE_ACTIVITY_SQL = {
  received: 'SELECT count(*) AS n FROM trigger_instances WHERE id >= ?',
  matched:
    "SELECT count(DISTINCT +trigger_instance_id) AS n FROM rule_enforcements WHERE id >= ? AND status = 'succeeded'",
  enforcements: 'SELECT +status AS status, count(*) AS n FROM rule_enforcements WHERE id >= ? GROUP BY 1',
  executions: 'SELECT +status AS status, count(*) AS n FROM executions WHERE id >= ? GROUP BY 1',
} as const;

/** PostgreSQL's (a cost-based planner with statistics; text has no unary `+`). */
export const POSTGRES_ACTIVITY_SQL = {
  received: 'SELECT count(*) AS n FROM trigger_instances WHERE id >= $1',
  matched:
    "SELECT count(DISTINCT trigger_instance_id) AS n FROM rule_enforcements WHERE id >= $1 AND status = 'succeeded'",
  enforcements: 'SELECT status, count(*) AS n FROM rule_enforcements WHERE id >= $1 GROUP BY status',
  executions: 'SELECT status, count(*) AS n FROM executions WHERE id >= $1 GROUP BY status',
} as const;

/** Status rows into a record; counts arrive as numbers (SQLite) or strings (PostgreSQL's bigint). */
export function byStatus(rows: ReadonlyArray<{ status: string; n: number | string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) out[row.status] = Number(row.n);
  return out;
}

export function activityCounts(
  sinceMs: number,
  counts: { received: number | string; matched: number | string },
  enforcements: ReadonlyArray<{ status: string; n: number | string }>,
  executions: ReadonlyArray<{ status: string; n: number | string }>,
): ActivityCounts {
  return {
    since: new Date(Math.floor(sinceMs / 1000) * 1000).toISOString(),
    trigger_instances: { received: Number(counts.received), matched: Number(counts.matched) },
    enforcements: byStatus(enforcements),
    executions: byStatus(executions),
  };
}
