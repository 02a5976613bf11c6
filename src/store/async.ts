// The async face of a synchronous SQLite repository: same methods, each returning a promise. For reads that
// must see queued writes, `before` is the store's barrier.

export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export function asyncRepository<T extends object>(repository: T, before?: () => Promise<void>): Async<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repository) as Array<[string, unknown]>) {
    if (typeof fn !== 'function') continue;
    const call = fn as (...args: unknown[]) => unknown;
    // A throw becomes a rejection, as it would from a networked backend.
    out[name] = before
      ? async (...args: unknown[]) => {
          await before();
          return call.apply(repository, args);
        }
      : (...args: unknown[]) => {
          try {
            return Promise.resolve(call.apply(repository, args));
          } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
  }
  return out as Async<T>;
}
