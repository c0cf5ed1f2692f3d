"""Idle time on GNOME (Wayland) from Mutter's ``org.gnome.Mutter.IdleMonitor`` on the session bus.

Under Wayland no client can see global input, so the compositor is the only source; Mutter
exposes ``GetIdletime`` (uint64 milliseconds) on ``/org/gnome/Mutter/IdleMonitor/Core``.
QtDBus is used because it ships with PySide6 (dbus-python needs a compiler to install).

Threading: called on the GUI thread about twice a minute. The call is a blocking D-Bus round
trip, bounded by a short timeout (CALL_TIMEOUT_MS) so a hung compositor cannot freeze the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from deskbreak.platform.idle_base import IdleMonitorUnavailable

__all__ = [
    "CALL_TIMEOUT_MS",
    "DBusCallError",
    "GnomeIdleMonitor",
    "INTERFACE",
    "METHOD",
    "OBJECT_PATH",
    "SERVICE",
    "qtdbus_call",
]

SERVICE = "org.gnome.Mutter.IdleMonitor"
OBJECT_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"
METHOD = "GetIdletime"
CALL_TIMEOUT_MS = 500


class DBusCallError(RuntimeError):
    """A D-Bus call failed: no bus, no such service, an error reply or a timeout."""


BusCall = Callable[[str, str, str, str], Sequence[object]]
"""(service, path, interface, method) -> the reply's arguments; raises DBusCallError."""


def qtdbus_call(service: str, path: str, interface: str, method: str) -> Sequence[object]:
    """Call a no-argument method on the session bus with QtDBus and return the reply arguments."""
    from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        raise DBusCallError(f"no session bus: {bus.lastError().message()}")
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    reply = bus.call(message, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        raise DBusCallError(f"{reply.errorName()}: {reply.errorMessage()}")
    return list(reply.arguments())


class GnomeIdleMonitor:
    """Idle seconds from Mutter's IdleMonitor; ``call`` is injectable so tests need no GNOME."""

    name = "mutter"

    def __init__(self, call: BusCall | None = None) -> None:
        if call is None:
            try:
                import PySide6.QtDBus  # noqa: F401  (fail here, not on every query)
            except ImportError as exc:
                raise IdleMonitorUnavailable(f"PySide6.QtDBus not importable: {exc}") from exc
            call = qtdbus_call
        self._call = call

    def idle_seconds(self) -> float | None:
        """Seconds since the last input as Mutter sees it, or None on any D-Bus failure."""
        try:
            args = self._call(SERVICE, OBJECT_PATH, INTERFACE, METHOD)
        except DBusCallError:
            return None
        if len(args) != 1:
            return None
        value = args[0]
        # bool is an int subclass; a bool reply would be a different (wrong) method signature.
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return None
        return value / 1000.0

    def close(self) -> None:
        """Nothing to release: the session bus connection is shared and owned by Qt."""
        return None
