"""The command channel on QLocalServer / QLocalSocket (Windows named pipes)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from . import ipc_protocol as protocol


class QtCommandServer(QObject):
    def __init__(
        self, name: str, handlers: Mapping[str, protocol.Handler], feed: protocol.Following | None = None
    ) -> None:
        super().__init__()
        self.handlers, self.feed = handlers, feed
        self.following: set[QLocalSocket] = set()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(name):
            # Left by a killed instance; we hold the instance lock, so it is stale.
            QLocalServer.removeServer(name)
            if not self.server.listen(name):
                raise OSError(f"cannot listen on {name}: {self.server.errorString()}")
        self.server.newConnection.connect(self._accept)

    @Slot()
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._gone(s))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(protocol.CLIENT_TIMEOUT_MS, socket, lambda s=socket: self._expire(s))

    def _expire(self, socket: QLocalSocket) -> None:
        if socket not in self.following:
            socket.abort()

    def _gone(self, socket: QLocalSocket) -> None:
        self.following.discard(socket)
        if self.feed is not None:
            self.feed.remove(socket)

    def _push(self, socket: QLocalSocket, line: bytes) -> bool:
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState or socket.write(line) != len(line):
            socket.abort()
            return False
        socket.flush()
        return True

    def _read(self, socket: QLocalSocket) -> None:
        if socket in self.following:  # what a follower sends is ignored
            socket.readAll()
            return
        if not socket.canReadLine():
            if socket.bytesAvailable() > protocol.MAX_REQUEST:
                socket.abort()
            return
        line = bytes(socket.readLine().data())
        if self.feed is not None and protocol.wants_follow(line):
            self.following.add(socket)
            if not self.feed.add(socket, functools.partial(self._push, socket)):
                socket.abort()
            return
        socket.write(protocol.answer(line, self.handlers))
        socket.flush()
        socket.disconnectFromServer()

    def close(self) -> None:
        self.server.close()
        for socket in list(self.following):
            socket.disconnectFromServer()


def send_qt(name: str, line: bytes, timeout_ms: int) -> dict[str, object]:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        raise protocol.NotRunning(socket.errorString())
    socket.write(line)
    socket.flush()
    data = b""
    while not data.endswith(b"\n"):
        if not socket.waitForReadyRead(timeout_ms):
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState and data:
                break
            raise TimeoutError(f"deskbreak did not answer in {timeout_ms / 1000:.0f} s")
        data += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return protocol.parse_reply(data)


class QtFollow:
    """The CLI's end of `status --follow` over QLocalSocket."""

    def __init__(self, name: str, timeout_ms: int) -> None:
        self.socket = QLocalSocket()
        self.socket.connectToServer(name)
        if not self.socket.waitForConnected(timeout_ms):
            raise protocol.NotRunning(self.socket.errorString())
        self.reader = protocol.LineReader()
        self.pending: list[dict[str, Any]] = []
        self.socket.write(protocol.request_line(protocol.FOLLOW, {}))
        self.socket.flush()

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next status (None if none came within `timeout` s); NotRunning once the app is gone."""
        while not self.pending:
            if self.socket.bytesAvailable() == 0 and not self.socket.waitForReadyRead(int(timeout * 1000)):
                if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
                    return None
                raise protocol.NotRunning("deskbreak closed the connection")
            self.pending += self.reader.feed(bytes(self.socket.readAll().data()))
        return self.pending.pop(0)

    def close(self) -> None:
        self.socket.abort()
