"""Idle time on GNOME (Wayland) from Mutter's ``org.gnome.Mutter.IdleMonitor`` on the session bus.

Under Wayland no client can see global input, so the compositor is the only source; Mutter
exposes ``GetIdletime`` (uint64 milliseconds) on ``/org/gnome/Mutter/IdleMonitor/Core``.
QtDBus is used because it ships with PySide6 (dbus-python needs a compiler to install).

Which bus: the one at an explicit ``bus_address`` (a session's DBUS_SESSION_BUS_ADDRESS, given
the same way as to the ScreenSaver source) on a private connection of the monitor's own, closed
with it; without one, Qt's shared session bus connection (made once per process from the
process's own environment).

Threading: called on the GUI thread about twice a minute. The call is a blocking D-Bus round
trip, bounded by a short timeout (CALL_TIMEOUT_MS) so a hung compositor cannot freeze the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.qtdbus_call import DBusCallError, QtDBusCall, whole_number

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
    """Idle seconds from Mutter's IdleMonitor.

    ``call`` is injectable so tests need no GNOME; without it a QtDBusCall on ``bus_address``
    (None: Qt's shared session bus) is made and closed with the monitor. Raises
    IdleMonitorUnavailable when QtDBus is missing or the bus cannot be reached.
    """

    name = "mutter"

    def __init__(self, call: BusCall | None = None, *, bus_address: str | None = None) -> None:
        self._owned: QtDBusCall | None = None
        if call is None:
            self._owned = QtDBusCall(bus_address, CALL_TIMEOUT_MS, "idle-mutter", IdleMonitorUnavailable)
            call = self._owned
        self._call: BusCall | None = call

    def idle_seconds(self) -> float | None:
        """Seconds since the last input as Mutter sees it, or None on any D-Bus failure."""
        if self._call is None:
            return None
        try:
            args = self._call(SERVICE, OBJECT_PATH, INTERFACE, METHOD)
        except DBusCallError:
            return None
        # bool is an int subclass; a bool reply would be a different (wrong) method signature.
        value = whole_number(args)
        return None if value is None else value / 1000.0

    def close(self) -> None:
        """End the bus connection this monitor opened, if any (idempotent); later readings are None."""
        self._call = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None
