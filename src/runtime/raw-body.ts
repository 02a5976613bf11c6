// A webhook's body as the bytes that came (signature checks need them), read straight from node's request with
// the body limit: a declared Content-Length over it is refused before reading, a stream that grows over it
// is dropped at the first chunk past the limit.
// Bodies nobody has authenticated yet take their bytes from a shared budget (`busy` when it is full), and a body
// must arrive within a time limit (`timeout`): a stalled body would otherwise hold its memory for ever.
import type { IncomingMessage } from 'node:http';
import type { BodyReservation } from './body-budget.ts';

export type RawBody = Buffer | 'too-large' | 'aborted' | 'timeout' | 'busy';

export interface BodyGuard {
  /** Unauthenticated request: its bytes count against the shared budget. */
  reservation?: BodyReservation | undefined;
  /** The whole body must arrive within this many ms (0 or absent: no limit). */
  timeoutMs?: number | undefined;
}

const EMPTY = Buffer.alloc(0);

/**
 * The whole body, or `too-large`, or `aborted` when the client went away before its end. Synchronous when there
 * is nothing to wait for: no body, a declared length over the limit, or a request already received in full
 * (its body arrived while auth awaited the store, and waits in the stream's buffer).
 * @example const body = readRawBody(req, 1024); const raw = body instanceof Promise ? await body : body;
 */
export function readRawBody(req: IncomingMessage, limit: number, guard: BodyGuard = {}): RawBody | Promise<RawBody> {
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > limit) return 'too-large';
  if (length === '0' || (length === undefined && req.headers['transfer-encoding'] === undefined)) return EMPTY;
  // A declared length is reserved whole before reading; a chunked body chunk by chunk.
  const reservation = guard.reservation;
  if (reservation && length !== undefined && !reservation.take(Number(length))) return 'busy';
  const perChunk = length === undefined ? reservation : undefined;
  if (req.complete && !req.readableFlowing) return readBuffered(req, limit, perChunk);
  return new Promise<RawBody>((resolve) => streamBody(req, limit, perChunk, guard.timeoutMs ?? 0, resolve));
}

/** The parser has pushed every chunk already: take them from the stream's buffer without waiting for events. */
function readBuffered(req: IncomingMessage, limit: number, reservation: BodyReservation | undefined): RawBody {
  const chunks: Buffer[] = [];
  let received = 0;
  let chunk: Buffer | null;
  while ((chunk = req.read() as Buffer | null) !== null) {
    received += chunk.length;
    if (received > limit) return 'too-large';
    if (reservation && !reservation.take(chunk.length)) return 'busy';
    chunks.push(chunk);
  }
  if (chunks.length === 0) return EMPTY;
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
}

// The listeners are anonymous on purpose: tsx (esbuild keepNames) wraps every named inner function in a
// per-request `__name` call, which cost ~2% of a webhook's CPU here. They are not removed either: after the
// first resolve the others are no-ops, and they go with the request.
function streamBody(
  req: IncomingMessage,
  limit: number,
  reservation: BodyReservation | undefined,
  timeoutMs: number,
  resolve: (body: RawBody) => void,
): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  // Whatever ends the read first wins; afterwards data is dropped, not kept. The caller answers 413, 503 or 408
  // with `Connection: close`, so node closes the socket once the answer is out instead of reading the rest.
  const timer = timeoutMs > 0 ? setTimeout(() => finish('timeout'), timeoutMs) : undefined;
  const finish = (body: RawBody): void => {
    if (done) return;
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    if (typeof body === 'string') chunks.length = 0;
    resolve(body);
  };
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    received += chunk.length;
    if (received > limit) return finish('too-large');
    if (reservation && !reservation.take(chunk.length)) return finish('busy');
    chunks.push(chunk);
  });
  req.on('end', () => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)));
  req.on('error', () => finish('aborted'));
  req.on('close', () => finish('aborted'));
}
