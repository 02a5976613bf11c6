// The generic HMAC recipe for senders without a named scheme: which header, which algorithm and
// encoding, an optional prefix (`sha256=`), and what is signed (`{body}` by default, or a recipe such
// as `{timestamp}.{body}` or `{header:X-Request-Id}:{body}`, parsed when the options are loaded).
import { bytesEqual, decodeBase64, decodeHex, hmac } from '../crypto.ts';
import { checkTimestamp, parseUnixSeconds } from '../timestamp.ts';
import type { HmacScheme, SignedPart, SignedRequest, VerifyResult } from '../../model/index.ts';
import { fail, headerBytes, requireHeader, type Failure } from './common.ts';

/** Builds the signed bytes from the recipe, or the failure when a header it names is missing. */
function signedContent(
  options: HmacScheme,
  request: SignedRequest,
): { content: Buffer[]; timestamp?: number } | Failure {
  const pieces: Buffer[] = [];
  let timestamp: number | undefined;
  for (const part of options.signed) {
    switch (part.kind) {
      case 'text':
        pieces.push(Buffer.from(part.text, 'utf8'));
        break;
      case 'body':
        pieces.push(request.rawBody);
        break;
      case 'header': {
        const found = requireHeader(request, part.name);
        if ('ok' in found) return found;
        pieces.push(headerBytes(found.value));
        break;
      }
      case 'timestamp': {
        if (options.timestampHeader === undefined)
          return fail('format', 'the signed recipe uses {timestamp} but no timestamp_header is configured');
        const found = requireHeader(request, options.timestampHeader);
        if ('ok' in found) return found;
        timestamp = parseUnixSeconds(found.value);
        if (timestamp === undefined)
          return fail('format', `header ${options.timestampHeader} is not a Unix timestamp in seconds`);
        pieces.push(headerBytes(found.value));
        break;
      }
    }
  }
  return timestamp === undefined ? { content: pieces } : { content: pieces, timestamp };
}

export function verifyHmac(options: HmacScheme, request: SignedRequest, secrets: readonly string[]): VerifyResult {
  const found = requireHeader(request, options.header);
  if ('ok' in found) return found;
  if (!found.value.startsWith(options.prefix))
    return fail('format', `header ${options.header} does not start with ${options.prefix}`);
  const encoded = found.value.slice(options.prefix.length);
  const given = options.encoding === 'hex' ? decodeHex(encoded) : decodeBase64(encoded);
  if (given === undefined)
    return fail('format', `header ${options.header} is not ${options.prefix}followed by a ${options.encoding} digest`);
  const built = signedContent(options, request);
  if ('ok' in built) return built;
  if (!secrets.some((secret) => bytesEqual(hmac(options.algorithm, secret, built.content), given))) {
    return fail('signature', `header ${options.header} does not match the request signed with the configured secret`);
  }
  if (built.timestamp === undefined) return { ok: true };
  return checkTimestamp(
    built.timestamp,
    request.now ?? new Date(),
    options.tolerance,
    `header ${options.timestampHeader ?? ''}`,
  );
}

/**
 * Parses a signed-content recipe. Placeholders: `{body}`, `{timestamp}`, `{header:<Name>}`; `{{` and
 * `}}` are literal braces. Returns the parts, or the offending offset and why.
 */
export function parseSignedRecipe(
  recipe: string,
): { parts: SignedPart[] } | { error: string; start: number; end: number } {
  const parts: SignedPart[] = [];
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < recipe.length) {
    const ch = recipe[i] as string;
    if ((ch === '{' || ch === '}') && recipe[i + 1] === ch) {
      text += ch;
      i += 2;
      continue;
    }
    if (ch === '}') return { error: 'unmatched } (write }} for a literal brace)', start: i, end: i + 1 };
    if (ch !== '{') {
      text += ch;
      i += 1;
      continue;
    }
    const close = recipe.indexOf('}', i);
    if (close < 0) return { error: 'unclosed { (write {{ for a literal brace)', start: i, end: recipe.length };
    const name = recipe.slice(i + 1, close);
    flush();
    if (name === 'body') parts.push({ kind: 'body' });
    else if (name === 'timestamp') parts.push({ kind: 'timestamp' });
    else if (name.startsWith('header:') && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name.slice(7))) {
      parts.push({ kind: 'header', name: name.slice(7) });
    } else {
      return {
        error: `unknown placeholder {${name}}: use {body}, {timestamp} or {header:<Name>}`,
        start: i,
        end: close + 1,
      };
    }
    i = close + 1;
  }
  flush();
  return { parts };
}
