// Python's fnmatch.fnmatch on POSIX (case-sensitive): fnmatch.translate's rules, run on re2js.
import { RE2JS } from 're2js';

function escape(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
}

/** fnmatch.translate without the `(?s:...)\Z` wrapper: `*` any run (newlines too), `?` one character, `[seq]`, `[!seq]`. */
export function translateWildcard(pat: string): string {
  let out = '';
  const n = pat.length;
  let i = 0;
  while (i < n) {
    const c = pat[i++]!;
    if (c === '*') {
      if (!out.endsWith('.*')) out += '.*';
    } else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) out += '\\[';
      else {
        let stuff = pat.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (stuff.startsWith('!')) stuff = `^${stuff.slice(1)}`;
        else if (stuff.startsWith('^')) stuff = `\\${stuff}`;
        // `[` inside a class is literal for Python; RE2 accepts it unescaped too, `]` is already excluded.
        out += `[${stuff.replace(/\[/g, '\\[')}]`;
      }
    } else out += escape(c);
  }
  return out;
}

const cache = new Map<string, RE2JS>();

/** `fnmatch.fnmatch(name, pat)`: whole-string match. */
export function fnmatch(name: string, pat: string): boolean {
  let re = cache.get(pat);
  if (!re) {
    re = RE2JS.compile(`(?:${translateWildcard(pat)})\\z`, RE2JS.DOTALL);
    if (cache.size >= 2000) cache.clear();
    cache.set(pat, re);
  }
  return re.matcher(name).matches();
}
