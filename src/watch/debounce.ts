// Per-key debounce: editors save with a temp file + rename (several events in a few ms) and tools write
// bursts; one pack's events are coalesced into one batch of paths delivered after `delayMs` of quiet.
export interface Debouncer {
  push(key: string, path: string): void;
  /** Pending keys are dropped. */
  close(): void;
}

export function createDebouncer(delayMs: number, fire: (key: string, paths: ReadonlySet<string>) => void): Debouncer {
  const pending = new Map<string, { timer: NodeJS.Timeout; paths: Set<string> }>();
  return {
    push(key, path) {
      const entry = pending.get(key);
      if (entry) clearTimeout(entry.timer);
      const paths = entry?.paths ?? new Set<string>();
      paths.add(path);
      const timer = setTimeout(() => {
        pending.delete(key);
        fire(key, paths);
      }, delayMs);
      pending.set(key, { timer, paths });
    },
    close() {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
