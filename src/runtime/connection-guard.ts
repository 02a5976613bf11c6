// A cap on open connections that keeps the server reachable. node's own `maxConnections` refuses every new
// connection once the cap is reached, so whoever holds the cap (20,000 half-open connections exhausted the
// process's file descriptors in the hostile review) locks everyone else out. Here a new connection over the cap
// closes the least recently used connection without a request in progress (half-open, or idle keep-alive);
// only when every connection is busy is the new one refused. A client that sends its request at once is served.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Installs the cap on `server`; returns how many connections it has closed so far (for tests and metrics). */
export function guardConnections(server: Server, max: number): () => number {
  // Insertion order is recency: a socket is moved to the end when a request on it finishes.
  const open = new Map<Socket, { busy: number }>();
  let closed = 0;
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      let victim: Socket | undefined;
      for (const [s, state] of open)
        if (state.busy === 0) {
          victim = s;
          break;
        }
      closed++;
      if (!victim) {
        socket.destroy();
        return;
      }
      open.delete(victim);
      victim.destroy();
    }
    open.set(socket, { busy: 0 });
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    const state = open.get(socket);
    if (!state) return;
    state.busy++;
    res.once('close', () => {
      state.busy--;
      if (open.delete(socket)) open.set(socket, state);
    });
  });
  return () => closed;
}
