"""The command channel on QLocalServer / QLocalSocket (Windows named pipes)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from . import ipc_protocol as protocol


class QtCommandServer(QObject):
    def __init__(self, name: str, handlers: Mapping[str, protocol.Handler]) -> None:
        super().__init__()
        self.handlers = handlers
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
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(protocol.CLIENT_TIMEOUT_MS, socket, socket.abort)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > protocol.MAX_REQUEST:
                socket.abort()
            return
        socket.write(protocol.answer(bytes(socket.readLine().data()), self.handlers))
        socket.flush()
        socket.disconnectFromServer()

    def close(self) -> None:
        self.server.close()


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
