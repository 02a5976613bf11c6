// Filter `urlencode`.
import type { FilterDef } from './types.ts';
import { isDict } from '../../python/index.ts';
import { toText } from '../ops.ts';
import { iterate } from './helpers.ts';
// urllib.parse.quote(safe='/') as Jinja's url_quote: letters, digits, `_.-~/` stay.
function quote(s: string): string {
  return encodeURIComponent(s)
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export const urlencodeFilter: FilterDef = {
  name: 'urlencode',
  params: [],
  apply(value, _a, _env, _k) {
    if (typeof value === 'string') return quote(value);
    const pairs = isDict(value) ? Object.keys(value).map((k) => [k, value[k]]) : (iterate(value) as unknown[][]);
    return pairs.map((p) => `${quote(toText(p[0]))}=${quote(toText(p[1]))}`).join('&');
  },
};
