"""The command channel on a Unix-domain socket, watched by QSocketNotifier (no threads, no polling)."""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from . import ipc

MAX_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS


def socket_path(name: str) -> Path:
    """In the user's private runtime folder when there is one, else a 0700 folder in /tmp."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        path = Path(runtime) / f"{name}.sock"
        if len(os.fsencode(path)) <= MAX_PATH:
            return path
    folder = Path(tempfile.gettempdir()) / f"deskbreak-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise PermissionError(f"{folder} is not a private folder of this user")
    return folder / f"{name}.sock"


class _Client(QObject):
    """One connection: read a line, answer it, close; dropped if it says nothing in time."""

    def __init__(self, server: UnixCommandServer, conn: socket.socket) -> None:
        super().__init__(server)
        self.server, self.conn = server, conn
        self.buffer = b""
        conn.setblocking(False)
        self.notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)
        QTimer.singleShot(ipc.CLIENT_TIMEOUT_MS, self, self.finish)

    def _readable(self) -> None:
        try:
            chunk = self.conn.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        self.buffer += chunk
        if b"\n" in self.buffer:
            line = self.buffer.split(b"\n", 1)[0]
            with contextlib.suppress(OSError):
                self.conn.setblocking(True)
                self.conn.settimeout(1.0)
                self.conn.sendall(ipc.answer(line, self.server.handlers))
            self.finish()
        elif not chunk or len(self.buffer) > ipc.MAX_REQUEST:
            self.finish()

    def finish(self) -> None:
        if self.notifier.isEnabled():
            self.notifier.setEnabled(False)
            self.conn.close()
            self.deleteLater()


class UnixCommandServer(QObject):
    def __init__(self, name: str, handlers: dict[str, ipc.Handler]) -> None:
        super().__init__()
        self.handlers = handlers
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
        self.sock.listen(8)
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
            _Client(self, conn)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.sock.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def send_unix(name: str, line: bytes, timeout_ms: int) -> dict[str, object]:
    path = socket_path(name)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_ms / 1000)
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise ipc.NotRunning(str(exc)) from None
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
        raise ipc.NotRunning("the connection closed without an answer")
    return ipc.parse_reply(data)
