"""The command channel on a Unix-domain socket, watched by QSocketNotifier (no threads, no polling).

Only this user can command the app: the socket (mode 0600) sits in a private 0700 folder
(paths.runtime_dir), and the server also asks the kernel who is connecting and drops any other
uid without an answer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import struct
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from . import ipc_protocol as protocol
from .paths import MAX_SOCKET_PATH as MAX_PATH
from .paths import runtime_dir

__all__ = ["MAX_PATH", "UnixCommandServer", "UnixFollow", "peer_uid", "send_unix", "socket_path"]

log = logging.getLogger(__name__)

_SOL_LOCAL, _LOCAL_PEERCRED = 0, 1  # <sys/un.h> on macOS and the BSDs: struct xucred
_NO_SIGNAL = getattr(socket, "MSG_NOSIGNAL", 0)  # a closed follower is EPIPE, never SIGPIPE


def socket_path(name: str) -> Path:
    """`name`'s socket in the user's private runtime folder (beside the instance lock)."""
    return runtime_dir(name) / f"{name}.sock"


def peer_uid(conn: socket.socket, platform: str = sys.platform) -> int | None:
    """The uid of the process at the other end, or None where the system cannot tell us."""
    try:
        if hasattr(socket, "SO_PEERCRED"):  # Linux: struct ucred {pid_t; uid_t; gid_t}
            creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
            return int(struct.unpack("3i", creds)[1])
        if platform == "darwin" or platform.startswith(("freebsd", "openbsd", "netbsd", "dragonfly")):
            # struct xucred {u_int cr_version; uid_t cr_uid; short cr_ngroups; gid_t cr_groups[16]}
            creds = conn.getsockopt(_SOL_LOCAL, _LOCAL_PEERCRED, 76)
            return int(struct.unpack_from("=II", creds)[1])
    except (OSError, struct.error):
        return None
    return None


def _same_user(conn: socket.socket) -> bool:
    """Whether the peer runs as us; unknown peers pass (the 0700 folder already shuts others out)."""
    uid = peer_uid(conn)
    return uid is None or uid == os.getuid()


class _Client(QObject):
    """One connection: read a line, answer it, close; dropped if it says nothing in time. A
    follower instead stays, and is written a line whenever the status changes."""

    def __init__(self, server: UnixCommandServer, conn: socket.socket) -> None:
        super().__init__(server)
        self.server, self.conn = server, conn
        self.buffer = b""
        self.following = False
        conn.setblocking(False)
        self.notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)
        # A child timer, stopped with the client: a flood of short connections leaves none behind.
        QTimer.singleShot(protocol.CLIENT_TIMEOUT_MS, self, self._expire)

    def _readable(self) -> None:
        try:
            chunk = self.conn.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if self.following:  # what a follower sends is ignored; its closing ends it
            if not chunk:
                self.finish()
            return
        self.buffer += chunk
        if b"\n" in self.buffer:
            line = self.buffer.split(b"\n", 1)[0]
            feed = self.server.feed
            if feed is not None and protocol.wants_follow(line):
                self.following, self.buffer = True, b""
                if not feed.add(self, self._push):
                    self.finish()
                return
            with contextlib.suppress(OSError):
                self.conn.setblocking(True)
                self.conn.settimeout(1.0)
                self.conn.sendall(protocol.answer(line, self.server.handlers))
            self.finish()
        elif not chunk or len(self.buffer) > protocol.MAX_REQUEST:
            self.finish()

    def _push(self, line: bytes) -> bool:
        """One status line to a follower, without blocking; one that cannot take it is dropped."""
        try:
            sent = self.conn.send(line, _NO_SIGNAL)
        except OSError:
            sent = -1
        if sent != len(line):
            self.finish()
            return False
        return True

    def _expire(self) -> None:
        if not self.following:
            self.finish()

    def finish(self) -> None:
        if self.server.feed is not None:
            self.server.feed.remove(self)
        if self.notifier.isEnabled():
            self.notifier.setEnabled(False)
            self.conn.close()
            self.deleteLater()


class UnixCommandServer(QObject):
    def __init__(
        self, name: str, handlers: Mapping[str, protocol.Handler], feed: protocol.Following | None = None
    ) -> None:
        super().__init__()
        self.handlers, self.feed = handlers, feed
        self.path = socket_path(name)
        # Left by a killed instance; we hold the instance lock, so it is stale.
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # the socket file is the user's alone
        try:
            self.sock.bind(str(self.path))
        finally:
            os.umask(old_umask)
        os.chmod(self.path, 0o600)  # whatever the umask did, and where bind ignores it
        self.sock.listen(32)  # the CLI waits and tries again while it is full
        self.sock.setblocking(False)
        self.notifier = QSocketNotifier(self.sock.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._accept)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if not _same_user(conn):
                log.warning("refused a command connection from another user (uid %s)", peer_uid(conn))
                conn.close()
                continue
            _Client(self, conn)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.sock.close()
        for client in self.findChildren(_Client):  # followers see the end at once
            client.finish()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _connect(name: str, timeout_ms: int) -> socket.socket:
    """A connected socket to `name`'s app; NotRunning if none listens, TimeoutError if too busy."""
    path = socket_path(name)
    deadline = time.monotonic() + timeout_ms / 1000
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout_ms / 1000)
    while True:
        try:
            sock.connect(str(path))
            return sock
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            sock.close()
            raise protocol.NotRunning(str(exc)) from None
        except BlockingIOError:
            # The app's queue of waiting connections is full (others are talking to it): try
            # again shortly, until the timeout.
            if time.monotonic() >= deadline:
                sock.close()
                raise TimeoutError(f"deskbreak was too busy to answer in {timeout_ms / 1000:.0f} s") from None
            time.sleep(0.01)
        except BaseException:
            sock.close()
            raise


def send_unix(name: str, line: bytes, timeout_ms: int) -> dict[str, object]:
    with _connect(name, timeout_ms) as sock:
        try:
            sock.sendall(line)
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            raise TimeoutError(f"deskbreak did not answer in {timeout_ms / 1000:.0f} s") from None
    if not data:
        raise protocol.NotRunning("the connection closed without an answer")
    return protocol.parse_reply(data)


class UnixFollow:
    """The CLI's end of `status --follow`: the status lines the app sends, as they come."""

    def __init__(self, name: str, timeout_ms: int) -> None:
        self.sock = _connect(name, timeout_ms)
        self.reader = protocol.LineReader()
        self.pending: list[dict[str, Any]] = []
        self.sock.sendall(protocol.request_line(protocol.FOLLOW, {}))

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next status (None if none came within `timeout` s); NotRunning once the app is gone."""
        deadline = time.monotonic() + timeout
        while not self.pending:
            self.sock.settimeout(max(0.001, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                return None
            except OSError as exc:  # reset by a dying app
                raise protocol.NotRunning(str(exc)) from None
            if not chunk:
                raise protocol.NotRunning("deskbreak closed the connection")
            self.pending += self.reader.feed(chunk)
        return self.pending.pop(0)

    def close(self) -> None:
        self.sock.close()
