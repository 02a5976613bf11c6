// Python tuples: JS arrays marked as tuples (from tuple literals, dict.items(), dictsort), so that they
// print as `(1, 2)` and act as the argument tuple of `%` formatting. Everything else treats them as lists.
const tuples = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple and returns it. */
export function pyTuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

/** True for arrays made by pyTuple. */
export function isPyTuple(v: unknown): v is unknown[] {
  return Array.isArray(v) && tuples.has(v);
}
