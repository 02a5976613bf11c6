// Failed logins on POST /auth/v1/tokens are limited per client address and per user name (issue 16): after too
// many failures within a window, further attempts are answered 429 with Retry-After before any password is
// checked, so guessing is slow and cannot burn the bcrypt worker. A success clears the user's count.

export interface LoginLimits {
  /** Failures allowed per user name within the window (default 5). */
  perUser: number;
  /** Failures allowed per client address within the window (default 20). */
  perClient: number;
  /** Window in ms (default 60 s), counted from a key's first failure. */
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = { perUser: 5, perClient: 20, windowMs: 60_000 };

export interface LoginLimiter {
  /** Seconds to wait before trying again (0: go ahead). */
  retryAfter(client: string, user: string | undefined): number;
  failed(client: string, user: string | undefined): void;
  succeeded(user: string): void;
}

/** Keys remembered at most; the oldest window is forgotten first (a flood of names cannot grow memory). */
const MAX_KEYS = 10_000;

export function createLoginLimiter(limits: Partial<LoginLimits> = {}, now: () => number = Date.now): LoginLimiter {
  const { perUser, perClient, windowMs } = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  const windows = new Map<string, { count: number; until: number }>();
  const current = (key: string): { count: number; until: number } | undefined => {
    const w = windows.get(key);
    if (w && w.until <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const wait = (key: string, max: number): number => {
    const w = current(key);
    return w && w.count >= max ? Math.max(1, Math.ceil((w.until - now()) / 1000)) : 0;
  };
  const count = (key: string): void => {
    const w = current(key);
    if (w) w.count++;
    else {
      if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value as string);
      windows.set(key, { count: 1, until: now() + windowMs });
    }
  };
  // Prefixed keys: a user called "client:1.2.3.4" is not that client.
  return {
    retryAfter: (client, user) =>
      Math.max(wait(`c:${client}`, perClient), user === undefined ? 0 : wait(`u:${user}`, perUser)),
    failed(client, user) {
      count(`c:${client}`);
      if (user !== undefined) count(`u:${user}`);
    },
    succeeded(user) {
      windows.delete(`u:${user}`);
    },
  };
}
