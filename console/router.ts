// Hash routes (#/events/<id>?rule=x): deep links work without server routes, and the page is one file.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** First path segment: overview, events, why, executions. */
  page: string;
  /** Second path segment, decoded (an id). */
  id: string | undefined;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q === -1 ? text : text.slice(0, q);
  const [page = '', id] = path.split('/');
  return {
    page: page || 'overview',
    id: id ? decodeURIComponent(id) : undefined,
    query: new URLSearchParams(q === -1 ? '' : text.slice(q + 1)),
  };
}

/** `#/page/id?query` with every part encoded. */
export function href(page: string, id?: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return `#/${page}${id !== undefined ? `/${encodeURIComponent(id)}` : ''}${qs ? `?${qs}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
