// HMAC and constant-time comparison: the only places secrets and signatures meet.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HmacAlgorithm } from '../model/index.ts';

/** HMAC of the concatenation of `content` (pieces are fed in turn: a large body is never copied). */
export function hmac(algorithm: HmacAlgorithm, key: string | Buffer, content: Buffer | readonly Buffer[]): Buffer {
  const mac = createHmac(algorithm, key);
  if (Buffer.isBuffer(content)) mac.update(content);
  else for (const piece of content) mac.update(piece);
  return mac.digest();
}

/**
 * Constant-time equality of two byte strings. Lengths are compared first (timingSafeEqual throws
 * otherwise); the expected length is public (a digest size), so that early exit leaks nothing.
 */
export function bytesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Constant-time equality of two shared tokens of any length (GitLab's X-Gitlab-Token): both are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export function tokensEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Strict hex decoding: Buffer.from(…, 'hex') silently stops at the first bad character. */
export function decodeHex(text: string): Buffer | undefined {
  return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
}

/** Strict base64 decoding (standard alphabet, or URL-safe when it has no padding problems). */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0) return undefined;
  if (BASE64.test(text)) return Buffer.from(text, 'base64');
  if (BASE64URL.test(text)) return Buffer.from(text, 'base64url');
  return undefined;
}
