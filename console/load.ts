// Loading data, once or live. Live pages poll (every 2 s while the tab is visible, never two requests at once):
// server-sent events would need the key in the URL (EventSource sends no headers) and a hook in the webhook path.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

export const POLL_MS = 2000;

/** Runs `load` now and whenever `deps` change; with `pollMs`, again that often while the page is visible. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const busy = useRef(false);
  const generation = useRef(0);
  // The caller names what `load` depends on, as with useEffect.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    const mine = generation.current;
    run()
      .then((value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (mine === generation.current) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => (busy.current = false));
  }, [run]);
  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setData(undefined);
    setError(undefined);
    reload();
    if (pollMs === undefined) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return { data, error, reload };
}
