"""Blocking D-Bus calls through QtDBus, bounded by a timeout, on the session bus or a private
connection to a given address: what the idle and inhibitor sources share."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection


_connection_ids = itertools.count(1)


class DBusCallError(RuntimeError):
    """A D-Bus call failed: no bus, no such service, an error reply or a timeout.

    Also importable from deskbreak.platform.idle_gnome (the same class)."""


class QtDBusCall:
    """Blocking D-Bus calls with string/bool arguments through QtDBus, bounded by ``timeout_ms``.

    With ``address`` a private named connection is opened (and closed by ``close()``); without
    one Qt's shared session bus connection is borrowed. Raises ``unavailable`` (the caller's
    "this source cannot work" error) when QtDBus is missing or the bus cannot be reached.
    """

    def __init__(
        self,
        address: str | None,
        timeout_ms: int,
        purpose: str,
        unavailable: type[Exception] = RuntimeError,
    ) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError as exc:
            raise unavailable(f"PySide6.QtDBus not importable: {exc}") from exc
        self._timeout_ms = timeout_ms
        self._name: str | None = None
        if address:
            self._name = f"deskbreak-{purpose}-{next(_connection_ids)}"
            bus = QDBusConnection.connectToBus(address, self._name)
        else:
            bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            message = bus.lastError().message()
            self.close()
            raise unavailable(f"no session bus at {address or 'the default address'}: {message}")
        self._bus: QDBusConnection | None = bus

    def __call__(
        self, service: str, path: str, interface: str, method: str, args: Sequence[object] = ()
    ) -> Sequence[object]:
        from PySide6.QtDBus import QDBus, QDBusMessage, QDBusVariant

        if self._bus is None or not self._bus.isConnected():
            raise DBusCallError("the session bus connection is closed")
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        if args:
            message.setArguments(list(args))
        reply = self._bus.call(message, QDBus.CallMode.Block, self._timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            raise DBusCallError(f"{reply.errorName()}: {reply.errorMessage()}")
        # A property comes wrapped in a variant: unwrap it so callers see plain values.
        return [a.variant() if isinstance(a, QDBusVariant) else a for a in reply.arguments()]

    def close(self) -> None:
        """End the private connection, if this caller opened one (idempotent)."""
        self._bus = None
        if self._name is not None:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus(self._name)
            self._name = None


def whole_number(args: Sequence[object]) -> int | None:
    """The one non-negative integer a reply carries (not a bool), else None."""
    if len(args) != 1:
        return None
    value = args[0]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return None
    return value
