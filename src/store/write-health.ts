// Whether the store takes writes (issue 16): /healthz said ok while every commit failed. The store remembers the
// last commit's failure until a later one succeeds; a health check then probes with a real write, so a store
// that recovered (space freed, a lock released) is reported healthy again without waiting for a webhook.

export interface StoreHealth {
  ok: boolean;
  /** Why writes fail, when they do. */
  reason?: string;
}

export interface WriteHealth {
  /** Passes a commit through, remembering whether it failed. */
  track(commit: Promise<void>): Promise<void>;
  /**
   * `check` first (the file guard: no probe can fix a deleted file), then, only if the last commit failed,
   * `probe` (a real write): healthy once it succeeds.
   */
  health(check: () => void, probe: () => Promise<void> | void): Promise<StoreHealth>;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createWriteHealth(): WriteHealth {
  let failure: unknown;
  return {
    track(commit) {
      return commit.then(
        () => {
          failure = undefined;
        },
        (error: unknown) => {
          failure = error;
          throw error;
        },
      );
    },
    async health(check, probe) {
      try {
        check();
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
      if (failure === undefined) return { ok: true };
      try {
        await probe();
        failure = undefined;
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },
  };
}
