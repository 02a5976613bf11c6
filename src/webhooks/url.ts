// StackStorm's webhook url normalisation, the one every stage uses: Python's `url.strip('/')` (spec §1.10).

/**
 * All leading and trailing slashes go: the key of webhook Triggers, options files and requests alike.
 * @example normaliseUrl('//a/b/') // 'a/b'
 */
export function normaliseUrl(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url[start] === '/') start += 1;
  while (end > start && url[end - 1] === '/') end -= 1;
  return url.slice(start, end);
}
