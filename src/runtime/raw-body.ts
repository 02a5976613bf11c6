// A webhook's body as the bytes that came (signature checks need them), read straight from node's request with
// the body limit: a declared Content-Length over it is refused before reading, a stream that grows over it
// is dropped at the first chunk past the limit.
import type { IncomingMessage } from 'node:http';

export type RawBody = Buffer | 'too-large' | 'aborted';

const EMPTY = Buffer.alloc(0);

/**
 * The whole body, or `too-large`, or `aborted` when the client went away before its end. Synchronous when there
 * is nothing to wait for: no body, a declared length over the limit, or a request already received in full
 * (its body arrived while auth awaited the store, and waits in the stream's buffer).
 * @example const body = readRawBody(req, 1024); const raw = body instanceof Promise ? await body : body;
 */
export function readRawBody(req: IncomingMessage, limit: number): RawBody | Promise<RawBody> {
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > limit) return 'too-large';
  if (length === '0' || (length === undefined && req.headers['transfer-encoding'] === undefined)) return EMPTY;
  if (req.complete && !req.readableFlowing) return readBuffered(req, limit);
  return new Promise<RawBody>((resolve) => streamBody(req, limit, resolve));
}

/** The parser has pushed every chunk already: take them from the stream's buffer without waiting for events. */
function readBuffered(req: IncomingMessage, limit: number): RawBody {
  const chunks: Buffer[] = [];
  let received = 0;
  let chunk: Buffer | null;
  while ((chunk = req.read() as Buffer | null) !== null) {
    received += chunk.length;
    if (received > limit) return 'too-large';
    chunks.push(chunk);
  }
  if (chunks.length === 0) return EMPTY;
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
}

// The listeners are anonymous on purpose: tsx (esbuild keepNames) wraps every named inner function in a
// per-request `__name` call, which cost ~2% of a webhook's CPU here. They are not removed either: after the
// first resolve the others are no-ops, and they go with the request.
function streamBody(req: IncomingMessage, limit: number, resolve: (body: RawBody) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    if (received > limit) return;
    received += chunk.length;
    // Past the limit nothing more is kept; the caller answers 413 with `Connection: close`, so node closes
    // the socket once the answer is out instead of reading the rest.
    if (received > limit) {
      chunks.length = 0;
      resolve('too-large');
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)));
  req.on('error', () => resolve('aborted'));
  req.on('close', () => resolve('aborted'));
}
