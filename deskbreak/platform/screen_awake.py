"""Keep the screen from blanking or locking for idleness while a break runs (on Linux and other
Unix desktops here; Windows and macOS: screen_awake_windows, screen_awake_macos).

Someone following a routine touches neither keyboard nor mouse, so a screensaver that comes on
after a few idle minutes would lock the screen mid-exercise (and a lock ends the break). During a
break deskbreak asks the desktop to hold off (org.freedesktop.ScreenSaver.Inhibit, provided by
KDE, GNOME, Xfce, Cinnamon and MATE) and lets go when the break ends.

The request is made on a private session-bus connection, and letting go closes that connection:
the desktop drops an inhibition when its caller's connection goes away. This needs no cookie to
be sent back, which QtDBus could not do anyway (it sends integers as int32, UnInhibit wants a
uint32). A lock the user asks for (Super+L, closing the lid) still locks.
"""

from __future__ import annotations

import logging
import sys
from typing import Protocol

log = logging.getLogger(__name__)

CONNECTION = "deskbreak-keep-screen-awake"
TARGETS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver"),  # the path older KDE releases use
)


class KeepsScreenAwake(Protocol):
    def hold(self, reason: str = ...) -> bool: ...

    def release(self) -> None: ...


def create_screen_awake(platform: str = sys.platform) -> KeepsScreenAwake:
    """The way this OS keeps the screen on: a display request on Windows, an IOKit assertion on
    macOS, the desktop's ScreenSaver service elsewhere."""
    if platform == "win32":
        from .screen_awake_windows import WindowsScreenAwake

        return WindowsScreenAwake()
    if platform == "darwin":
        from .screen_awake_macos import MacScreenAwake

        return MacScreenAwake()
    return ScreenAwake()


class ScreenAwake:
    """`hold()` at the start of a break, `release()` at its end; both are cheap and idempotent."""

    def __init__(self) -> None:
        self.held = False

    def hold(self, reason: str = "A guided deskbreak routine is running") -> bool:
        """Ask the desktop not to blank the screen; False when there is no session bus."""
        if self.held:
            return True
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusMessage
        except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
            return False
        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, CONNECTION)
        if not bus.isConnected():
            QDBusConnection.disconnectFromBus(CONNECTION)
            return False
        for service, path in TARGETS:
            message = QDBusMessage.createMethodCall(service, path, service, "Inhibit")
            message.setArguments(["deskbreak", reason])
            bus.send(message)  # no waiting for the reply: the desktop may be slow, or absent
        self.held = True
        return True

    def release(self) -> None:
        """Let the screen blank again: closing our connection ends the inhibition."""
        if not self.held:
            return
        self.held = False
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover
            return
        QDBusConnection.disconnectFromBus(CONNECTION)
