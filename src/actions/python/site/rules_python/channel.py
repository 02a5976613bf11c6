"""JSON lines over the file descriptor the runtime passes (3): the start message, datastore calls, the result.

Only this process holds the descriptor (children started with subprocess do not inherit it), so holding it is
the credential: the runtime answers calls for this execution's pack and nothing else.
"""

import json
import os
import threading

CHANNEL_FD = 3


class ChannelClosed(Exception):
    pass


class Channel:
    def __init__(self, fd=CHANNEL_FD):
        self._fd = fd
        self._buffer = b""
        self._next_id = 0
        self._lock = threading.Lock()
        os.set_inheritable(fd, False)

    def send(self, message):
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def receive(self):
        while b"\n" not in self._buffer:
            chunk = os.read(self._fd, 65536)
            if not chunk:
                raise ChannelClosed("the rules runtime closed the channel")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line.decode("utf-8"))

    def call(self, method, **params):
        """One request and its answer; calls from several threads take turns."""
        with self._lock:
            self._next_id += 1
            self.send({"type": "call", "id": self._next_id, "method": method, "params": params})
            reply = self.receive()
        if reply.get("error") is not None:
            raise RuntimeError(reply["error"])
        return reply.get("result")
