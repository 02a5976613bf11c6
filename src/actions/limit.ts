// A runtime-wide concurrency limit: at most `max` runs at once, the rest wait in a FIFO queue.

export interface Limiter {
  /** Runs `task` when a slot is free; resolves or rejects with the task's outcome. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency must be a positive integer, got ${max}`);
  let active = 0;
  const queue: Array<() => void> = [];
  const release = (): void => {
    active--;
    const next = queue.shift();
    if (next) next();
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          active++;
          task().then(resolve, reject).finally(release);
        };
        if (active < max) start();
        else queue.push(start);
      });
    },
  };
}
