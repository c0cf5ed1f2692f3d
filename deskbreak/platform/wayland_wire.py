"""A minimal Wayland client: the wire protocol over the compositor's Unix socket, stdlib only.

deskbreak needs a few requests and events (registry, seat, idle protocols), not a binding of the
whole protocol (pywayland's client cost ~4.4 MiB all day for them), so it speaks the wire format
itself (wayland_format.py: how messages and their arguments are laid out in bytes).

Opcodes, from wayland.xml (requests and events counted apart, in the order of the XML):
wl_display requests sync (0), get_registry (1), events error (0), delete_id (1); wl_registry
request bind (0), events global (0), global_remove (1); wl_callback event done (0).

Client object ids count up from 2 (1 is wl_display), reused once ``delete_id`` acknowledged the
object's end. Events for objects without a handler (destroyed, or of no interest) are dropped.
"""

from __future__ import annotations

import os
import select
import socket
import time
from collections.abc import Callable, MutableMapping

from deskbreak.platform.wayland_format import (
    HEADER,
    MAX_MESSAGE,
    Arg,
    Decoder,
    WaylandError,
    encode,
    pack,
    unpack,
)

__all__ = [
    "BIND",
    "DELETE_ID",
    "DISPLAY_ID",
    "DONE",
    "ERROR",
    "GET_REGISTRY",
    "GLOBAL",
    "GLOBAL_REMOVE",
    "HEADER",
    "MAX_MESSAGE",
    "SYNC",
    "Arg",
    "Connection",
    "ConnectionLost",
    "Decoder",
    "Handler",
    "ProtocolError",
    "WaylandError",
    "WaylandTimeout",
    "connect",
    "encode",
    "pack",
    "take_socket_fd",
    "unpack",
]

Handler = Callable[[int, bytes], None]  # (opcode, argument bytes) of one event

DISPLAY_ID = 1

# wl_display, wl_registry and wl_callback opcodes (wayland.xml)
SYNC, GET_REGISTRY = 0, 1  # wl_display requests
ERROR, DELETE_ID = 0, 1  # wl_display events
BIND = 0  # wl_registry request
GLOBAL, GLOBAL_REMOVE = 0, 1  # wl_registry events
DONE = 0  # wl_callback event


class ConnectionLost(WaylandError):
    """The compositor closed the connection, or it could not be made."""


class WaylandTimeout(WaylandError):
    """No answer to a round trip in time."""


class ProtocolError(WaylandError):
    """The compositor sent wl_display.error: fatal, it closes the connection after it."""

    def __init__(self, object_id: int, code: int, message: str) -> None:
        super().__init__(f"protocol error {code} on object {object_id}: {message}")
        self.object_id = object_id
        self.code = code


def take_socket_fd(environ: MutableMapping[str, str]) -> int | None:
    """WAYLAND_SOCKET, as libwayland takes it: an inherited connected socket, then unset."""
    value = environ.pop("WAYLAND_SOCKET", None)
    if value is None:
        return None
    try:
        fd = int(value)
        os.set_inheritable(fd, False)
    except (ValueError, OSError) as exc:
        raise ConnectionLost(f"WAYLAND_SOCKET={value!r} is not an open socket") from exc
    return fd


def connect(path: str | None = None, *, fd: int | None = None) -> Connection:
    """A connection to the compositor at socket ``path``, or over the connected socket ``fd``."""
    try:
        if fd is not None:
            return Connection(socket.socket(fileno=fd))
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # close-on-exec by default
    except OSError as exc:
        raise ConnectionLost(f"cannot use the Wayland socket: {exc}") from exc
    try:
        sock.connect(path or "")
    except OSError as exc:
        sock.close()
        raise ConnectionLost(f"{path}: {exc.strerror or exc}") from exc
    return Connection(sock)


class Connection:
    """One client connection: requests out, events read without blocking and handed to handlers.

    Handlers run in :meth:`dispatch`, on the caller's thread. wl_display's own events are handled
    here: ``error`` raises :class:`ProtocolError`, ``delete_id`` frees the id.
    """

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self._sock = sock
        self._out = bytearray()
        self._decoder = Decoder()
        self._handlers: dict[int, Handler] = {DISPLAY_ID: self._on_display}
        self._next_id = DISPLAY_ID + 1
        self._free: list[int] = []
        self.eof = False  # the compositor closed its end (events read before it still dispatch)

    def fileno(self) -> int:
        return self._sock.fileno()

    # -- requests ---------------------------------------------------------------------------

    def new_id(self, handler: Handler | None = None) -> int:
        """An id for an object the next request makes; ``handler`` gets its events."""
        object_id = self._free.pop() if self._free else self._next_id
        if object_id == self._next_id:
            self._next_id += 1
        if handler is not None:
            self._handlers[object_id] = handler
        return object_id

    def request(self, object_id: int, opcode: int, signature: str = "", *args: Arg) -> None:
        """Queue a request (sent by :meth:`flush`)."""
        self._out += encode(object_id, opcode, pack(signature, *args))

    def forget(self, object_id: int) -> None:
        """Drop an object's handler (after its destructor); its id is freed by delete_id."""
        self._handlers.pop(object_id, None)

    def get_registry(self, handler: Handler) -> int:
        registry = self.new_id(handler)
        self.request(DISPLAY_ID, GET_REGISTRY, "n", registry)
        return registry

    def bind(self, registry: int, name: int, interface: str, version: int, handler: Handler | None) -> int:
        """wl_registry.bind of global ``name``: the new object's id."""
        object_id = self.new_id(handler)
        self.request(registry, BIND, "usun", name, interface, version, object_id)
        return object_id

    def sync(self, on_done: Callable[[], None]) -> int:
        def handler(opcode: int, _payload: bytes) -> None:
            if opcode == DONE:
                on_done()

        callback = self.new_id(handler)
        self.request(DISPLAY_ID, SYNC, "n", callback)
        return callback

    # -- the socket -------------------------------------------------------------------------

    def flush(self) -> None:
        """Send what is queued, as much as the socket takes now (the rest on the next flush)."""
        while self._out:
            try:
                sent = self._sock.send(self._out)
            except BlockingIOError:
                return
            except OSError as exc:
                raise ConnectionLost(f"sending to the compositor failed: {exc}") from exc
            del self._out[:sent]

    def read(self) -> int:
        """Read all the socket holds now, never blocking; the bytes read. Sets ``eof`` at its end."""
        total = 0
        while not self.eof:
            try:
                data = self._sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                raise ConnectionLost(f"reading from the compositor failed: {exc}") from exc
            if not data:
                self.eof = True
                break
            self._decoder.feed(data)
            total += len(data)
        return total

    def dispatch(self) -> int:
        """Hand each whole message read so far to its object's handler; how many there were."""
        count = 0
        for object_id, opcode, payload in self._decoder.messages():
            count += 1
            handler = self._handlers.get(object_id)
            if handler is not None:
                handler(opcode, payload)
        return count

    def roundtrip(self, timeout: float) -> None:
        """wl_display.sync and wait for its done, dispatching meanwhile; at most ``timeout`` s."""
        done: list[bool] = []
        self.sync(lambda: done.append(True))
        deadline = time.monotonic() + timeout
        while True:
            self.flush()
            self.read()
            self.dispatch()
            if done:
                return
            if self.eof:
                raise ConnectionLost("the compositor closed the connection")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaylandTimeout(f"the compositor did not answer within {timeout:g} s")
            writing = [self._sock] if self._out else []
            select.select([self._sock], writing, [], remaining)

    def close(self) -> None:
        self._handlers.clear()
        self._sock.close()

    def _on_display(self, opcode: int, payload: bytes) -> None:
        if opcode == ERROR:
            object_id, code, message = unpack("ous", payload)
            raise ProtocolError(int(object_id or 0), int(code or 0), str(message))
        if opcode == DELETE_ID:
            (object_id,) = unpack("u", payload)
            assert isinstance(object_id, int)
            self._handlers.pop(object_id, None)
            if DISPLAY_ID < object_id < self._next_id and object_id not in self._free:
                self._free.append(object_id)
