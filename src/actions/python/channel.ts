// The runtime's end of a Python action's channel (fd 3, JSON lines): sends the start message, answers the
// action's datastore calls in order, and keeps the result message. The other end is rules_python/channel.py.
import type { Duplex } from 'node:stream';

/** Longest line accepted from the action (a result larger than this fails the run instead of filling memory). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface ResultMessage {
  /** The bool of a `(bool, result)` tuple, else null. */
  status: boolean | null;
  result: unknown;
}

export type CallHandler = (
  method: string,
  params: Record<string, unknown>,
) => Promise<{ result: unknown } | { error: string }>;

export interface ChannelState {
  result?: ResultMessage;
  /** Set when the action sent something that is not the protocol (or too much of it). */
  protocolError?: string;
  /** Datastore calls answered. */
  calls: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Attaches to the socket: writes `start` at once, then serves calls until the action exits. */
export function serveChannel(socket: Duplex, start: Record<string, unknown>, handle: CallHandler): ChannelState {
  const state: ChannelState = { calls: 0 };
  let buffered: Buffer[] = [];
  let size = 0;
  // Calls are answered one after the other, in the order they came (the Python side waits for each answer).
  let queue: Promise<void> = Promise.resolve();
  socket.on('error', () => {
    // The action exited while an answer was being written: nothing is waiting for it.
  });
  const reply = (message: Record<string, unknown>): void => {
    if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
  };
  const onLine = (line: string): void => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      state.protocolError = 'the action wrote a line that is not JSON on the runtime channel (fd 3)';
      return;
    }
    if (!isObject(message)) return;
    if (message['type'] === 'result') {
      state.result = {
        status: typeof message['status'] === 'boolean' ? message['status'] : null,
        result: message['result'],
      };
      return;
    }
    if (message['type'] !== 'call') return;
    const id = message['id'];
    const method = typeof message['method'] === 'string' ? message['method'] : '';
    const params = isObject(message['params']) ? message['params'] : {};
    queue = queue.then(async () => {
      state.calls += 1;
      reply({ id, ...(await handle(method, params)) });
    });
  };
  socket.on('data', (chunk: Buffer) => {
    let from = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, from)) {
      buffered.push(chunk.subarray(from, at));
      onLine(Buffer.concat(buffered).toString('utf8'));
      buffered = [];
      size = 0;
      from = at + 1;
    }
    if (from < chunk.length) {
      size += chunk.length - from;
      if (size > MAX_LINE_BYTES) {
        state.protocolError = `the action's result is larger than ${MAX_LINE_BYTES} bytes`;
        socket.destroy();
        return;
      }
      buffered.push(chunk.subarray(from));
    }
  });
  reply(start);
  return state;
}
