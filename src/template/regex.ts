// Python `re` patterns for the regex_* filters, run on re2js (linear time: a payload cannot stall a render).
import { RE2JS } from 're2js';
import { PyError } from '../python/index.ts';

export interface PyRegexRunner {
  matchAt(s: string): boolean;
  search(s: string): boolean;
  replaceAll(s: string, replacement: string): string;
  findAll(s: string): unknown[];
}

const cache = new Map<string, RE2JS>();

function compile(pattern: string, ignoreCase: boolean): RE2JS {
  const key = (ignoreCase ? 'i:' : 's:') + pattern;
  let re = cache.get(key);
  if (!re) {
    try {
      re = RE2JS.compile(pattern.replace(/\(\?P</g, '(?<'), ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (err) {
      throw new PyError('error', (err as Error).message);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** A compiled pattern with Python's match/search/sub/findall semantics. */
export function pyRegex(pattern: string, ignoreCase: boolean): PyRegexRunner {
  const re = compile(pattern, ignoreCase);
  return {
    matchAt: (s) => re.matcher(s).lookingAt(),
    search: (s) => re.matcher(s).find(),
    // Python's `\1` and `\g<name>` become re2js's `$1` and `${name}`; `$` is literal in Python replacements.
    replaceAll: (s, r) =>
      re.matcher(s).replaceAll(
        r
          .replace(/\$/g, '$$$$')
          .replace(/\\g<(\w+)>/g, '$${$1}')
          .replace(/\\(\d+)/g, '$$$1'),
        false,
      ),
    findAll: (s) => {
      const m = re.matcher(s);
      const out: unknown[] = [];
      const groups = m.groupCount();
      while (m.find()) {
        if (groups === 0) out.push(m.group(0));
        else if (groups === 1) out.push(m.group(1) ?? '');
        else out.push(Array.from({ length: groups }, (_, i) => m.group(i + 1) ?? ''));
      }
      return out;
    },
  };
}
