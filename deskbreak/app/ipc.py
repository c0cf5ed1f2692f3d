"""Talking to the running instance over a local socket: one JSON request line, one JSON reply line."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]
MAX_REQUEST = 64 * 1024
CLIENT_TIMEOUT_MS = 5000  # a client that connects and says nothing is dropped after this


class CommandServer(QObject):
    """Serves commands from `deskbreak break-now|status|quit` and from a second launch."""

    def __init__(self, name: str, handlers: dict[str, Handler], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handlers = handlers
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(name):
            # A socket file left by a killed instance; we hold the instance lock, so it is stale.
            QLocalServer.removeServer(name)
            if not self.server.listen(name):
                raise OSError(f"cannot listen on {name}: {self.server.errorString()}")
        self.server.newConnection.connect(self._accept)

    @Slot()
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(CLIENT_TIMEOUT_MS, socket, socket.abort)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_REQUEST:
                socket.abort()
            return
        raw = bytes(socket.readLine().data())
        try:
            request = json.loads(raw)
            command = str(request["cmd"])
            handler = self.handlers[command]
        except Exception:  # malformed JSON, a non-object, nesting too deep: all just bad requests
            reply: dict[str, Any] = {"ok": False, "error": f"unknown request {raw[:80]!r}"}
        else:
            try:
                reply = {"ok": True, **handler(request)}
            except Exception as exc:  # a failing command must not take the tray app down
                log.exception("command %s failed", command)
                reply = {"ok": False, "error": str(exc)}
        socket.write(json.dumps(reply).encode() + b"\n")
        socket.flush()
        socket.disconnectFromServer()

    def close(self) -> None:
        self.server.close()


class NotRunning(Exception):
    """No deskbreak instance answers on this data folder."""


def send_command(name: str, command: str, timeout_ms: int = 3000, **extra: Any) -> dict[str, Any]:
    """Send one command to the running instance and return its reply (blocking, for the CLI)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        raise NotRunning(socket.errorString())
    socket.write(json.dumps({"cmd": command, **extra}).encode() + b"\n")
    socket.flush()
    data = b""
    while not data.endswith(b"\n"):
        if not socket.waitForReadyRead(timeout_ms):
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState and data:
                break
            raise TimeoutError(f"deskbreak did not answer {command!r} in {timeout_ms / 1000:.0f} s")
        data += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    reply: dict[str, Any] = json.loads(data)
    return reply
