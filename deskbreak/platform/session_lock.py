"""Notice the screen locking, so a break window left open is closed and its break logged.

Listens on the session bus for the screensaver's ActiveChanged(true) signal
(org.freedesktop.ScreenSaver: KDE, Xfce, Cinnamon, MATE; org.gnome.ScreenSaver: GNOME). Signals
cost nothing while nothing happens. Without a session bus there is nothing to hear, which is
normal (the break then ends through its own window or its overrun limit).
"""

from __future__ import annotations

import logging
import sys
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from .bus_address import session_bus_possible

log = logging.getLogger(__name__)

SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class SessionLockWatcher(QObject):
    """Emits `locked` when the desktop's screensaver or lock screen comes on."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.listening: list[str] = []
        if not session_bus_possible():  # no bus to hear from: QtDBus not loaded for nothing
            return
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for interface, _path in SCREENSAVERS:
            # Any sender and path: the service name may be owned by a helper process.
            slot = SLOT("_active_changed(bool)")  # a str at run time; the stubs say bytes
            try:
                connected = bus.connect("", "", interface, "ActiveChanged", self, slot)  # type: ignore[call-overload]
            except (TypeError, ValueError) as exc:  # a binding that wants the slot another way
                log.info("cannot listen to %s: %s", interface, exc)
                continue
            if connected:
                self.listening.append(interface)
            else:
                log.info("cannot listen to %s: %s", interface, bus.lastError().message())

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.locked.emit()
        else:
            self.unlocked.emit()

    def close(self) -> None:
        """Nothing to let go: the signals arrive on the shared session-bus connection."""


class WatchesSessionLock(Protocol):
    """What the app uses of a lock watcher, on any OS."""

    @property
    def locked(self) -> SignalInstance: ...

    @property
    def unlocked(self) -> SignalInstance: ...

    def close(self) -> None: ...


def create_session_lock_watcher(platform: str = sys.platform) -> WatchesSessionLock:
    """This OS's way to hear the screen lock: session notifications on Windows, a CoreGraphics
    poll while a break runs on macOS (session_lock_macos), the desktop's ScreenSaver signal
    elsewhere. Each OS's module is imported only on that OS."""
    if platform == "win32":
        from .session_lock_windows import WindowsSessionLockWatcher

        return WindowsSessionLockWatcher()
    if platform == "darwin":
        from .session_lock_macos import MacSessionLockWatcher

        return MacSessionLockWatcher()
    return SessionLockWatcher()
