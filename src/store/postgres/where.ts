// WHERE clauses from a filter object: column names come from a fixed table in the caller, never from input;
// values are always parameters.

/** `{ clause: ' WHERE a = $1 AND b = $2', params }` for the filter keys that are set. */
export function whereFrom<F extends object>(
  filter: F,
  columns: ReadonlyArray<readonly [keyof F & string, string]>,
  params: unknown[],
): string {
  const where: string[] = [];
  for (const [key, column] of columns) {
    const value = filter[key];
    if (value !== undefined) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  }
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

/** ` LIMIT $n OFFSET $m` with the repositories' defaults (100, 0). */
export function page(filter: { limit?: number; offset?: number }, params: unknown[]): string {
  params.push(filter.limit ?? 100, filter.offset ?? 0);
  return ` LIMIT $${params.length - 1} OFFSET $${params.length}`;
}
