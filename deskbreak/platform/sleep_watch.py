"""Notice the machine going to sleep and waking, from logind's PrepareForSleep on the system bus.

systemd-logind (and elogind) emit ``PrepareForSleep(b)`` on ``org.freedesktop.login1.Manager``
(path /org/freedesktop/login1) just before a suspend or hibernate (``true``) and right after the
machine resumes (``false``). The watcher turns these into the Qt signals ``sleeping`` and
``woke``. A signal costs nothing while nothing happens: no polling, no timer.

Only the owner of ``org.freedesktop.login1`` is heard (on a real system bus only logind may own
it), so another process sending a look-alike signal is ignored. Without a system bus (containers,
macOS, Windows, Flatpak without the permission) or without logind there is nothing to hear,
which is normal: ``listening`` says whether the watcher could subscribe, and the reason it could
not is logged at info level. Nothing here raises.

No logind delay inhibitor is taken (``Inhibit("sleep", ..., "delay")``): the signal before sleep
may come too late for anything to be done about it, and that is accepted to keep this simple.
The check in core/sitting.py that notices the wall clock running ahead of the monotonic one
(time spent suspended) stays the fallback everywhere, with or without this watcher.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from .bus_address import system_bus_possible

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

__all__ = ["INTERFACE", "MEMBER", "OBJECT_PATH", "SERVICE", "SleepWatcher"]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.login1"
OBJECT_PATH = "/org/freedesktop/login1"
INTERFACE = "org.freedesktop.login1.Manager"
MEMBER = "PrepareForSleep"
_SLOT_SIGNATURE = "_prepare_for_sleep(bool)"

BusFactory = Callable[[], "QDBusConnection"]
"""Returns the bus to listen on (the system bus unless a test gives another)."""


def _system_bus() -> QDBusConnection:
    if not system_bus_possible():  # QtDBus not loaded for nothing (bus_address.py)
        raise ConnectionError("no address: DBUS_SYSTEM_BUS_ADDRESS is unset and there is no system socket")
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.systemBus()


class SleepWatcher(QObject):
    """Emits ``sleeping`` before the machine suspends or hibernates and ``woke`` after it resumes.

    ``bus`` is the connection to listen on, or a callable returning it; by default Qt's shared
    system bus connection (from DBUS_SYSTEM_BUS_ADDRESS, else the standard socket). ``listening``
    is True once the watcher is subscribed to logind's signal.
    """

    sleeping = Signal()
    woke = Signal()

    def __init__(
        self,
        bus: QDBusConnection | BusFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.listening = False
        self._bus: QDBusConnection | None = None
        try:
            from PySide6.QtCore import SLOT
        except ImportError:  # pragma: no cover - part of PySide6
            return
        connection = self._resolve(bus)
        if connection is None:
            return
        slot = SLOT(_SLOT_SIGNATURE)  # a str at run time; the stubs say bytes
        try:
            connected = connection.connect(  # type: ignore[call-overload]
                SERVICE, OBJECT_PATH, INTERFACE, MEMBER, self, slot
            )
        except (TypeError, ValueError, RuntimeError) as exc:  # a binding that wants the slot another way
            log.info("not listening for suspend (logind's %s): %s", MEMBER, exc)
            return
        if not connected:
            log.info("not listening for suspend (logind's %s): %s", MEMBER, connection.lastError().message())
            return
        self._bus = connection
        self.listening = True
        log.debug("listening for logind's %s on the system bus", MEMBER)

    def close(self) -> None:
        """Stop listening (idempotent); the signals are not emitted afterwards."""
        bus, self._bus = self._bus, None
        self.listening = False
        if bus is None:
            return
        try:
            from PySide6.QtCore import SLOT

            bus.disconnect(  # type: ignore[call-overload]
                SERVICE, OBJECT_PATH, INTERFACE, MEMBER, self, SLOT(_SLOT_SIGNATURE)
            )
        except Exception as exc:  # stopping must never fail the caller
            log.debug("stopping the suspend watch raised %r", exc)

    @Slot(bool)
    def _prepare_for_sleep(self, start: bool) -> None:
        if not self.listening:
            return
        if start:
            log.info("the system is going to sleep")
            self.sleeping.emit()
        else:
            log.info("the system woke up")
            self.woke.emit()

    @staticmethod
    def _resolve(bus: QDBusConnection | BusFactory | None) -> QDBusConnection | None:
        """The connected bus to listen on, or None (logged) when there is none."""
        try:
            if bus is None:
                connection = _system_bus()
            elif callable(bus):
                connection = bus()
            else:
                connection = bus
        except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
            log.info("not listening for suspend: PySide6.QtDBus is not available")
            return None
        except Exception as exc:  # a test's factory, or a binding oddity: never raise
            log.info("not listening for suspend: no system bus (%s)", exc)
            return None
        if not connection.isConnected():
            log.info("not listening for suspend: no system bus (%s)", connection.lastError().message())
            return None
        return connection
