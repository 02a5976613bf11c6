// Request JSON nested deeper than this is refused before it is parsed (issue 16): 100,000 nested arrays made the
// parser throw a 500 and 5,000 nested objects overflowed the stack when the instance was stored (a 503 that makes
// senders retry for ever). orjson, which StackStorm parses with, stops at the same depth. Everything that walks
// request data recursively afterwards (surrogate check, store, matching, templates) is bounded by it.
export const MAX_JSON_DEPTH = 1024;

/**
 * Whether `text` opens more than `limit` arrays or objects inside one another, counted without recursion and
 * without parsing (brackets inside strings do not count). Malformed text is left to the parser.
 * @example jsonTooDeep('[[1]]', 1) // true
 */
export function jsonTooDeep(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
