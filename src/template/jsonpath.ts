// The jsonpath_query filter: the jsonpath_rw subset packs use (`$.a.b`, `a[0]`, `a[*].b`, `*`).
import { isDict } from '../python/index.ts';

/** All matches of `query` in `value`, or null when there is none (as StackStorm's filter). */
export function jsonpathQuery(value: unknown, query: string): unknown {
  const steps = query.replace(/^\$\.?/, '').match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [value];
  for (const raw of steps) {
    const step = raw.startsWith('[') ? raw.slice(1, -1).replace(/^['"]|['"]$/g, '') : raw;
    const next: unknown[] = [];
    for (const v of current) {
      if (step === '*') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
        else if (isDict(v)) next.push(...Object.values(v));
      } else if (Array.isArray(v) && /^-?\d+$/.test(step)) {
        const i = Number(step);
        const item: unknown = v[i < 0 ? v.length + i : i];
        if (item !== undefined) next.push(item);
      } else if (isDict(v) && Object.hasOwn(v, step)) next.push(v[step]);
    }
    current = next;
  }
  return current.length ? current : null;
}
