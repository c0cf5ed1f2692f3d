"""Windows: notice the screen locking and unlocking, so a break window left open is closed and its
break logged (what session_lock.py does with the ScreenSaver signal on Linux).

``WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION)`` (wtsapi32) asks Windows to send
this session's changes to a window as ``WM_WTSSESSION_CHANGE`` messages; wParam says what
happened, lParam is the session's id. The window is a hidden QWindow made for this (never shown;
``winId()`` gives it its HWND), and the messages are read by a native event filter installed on
the application: Qt's window procedure hands every message sent to a window of its own to the
application's filters as ``b"windows_generic_MSG"`` with a pointer to the MSG. Posted messages are
seen once more beforehand as ``b"windows_dispatcher_MSG"``; only the first kind is read, so no
message counts twice. The filter never swallows a message (PySide6 wants ``(handled, result)``
back; ``(False, 0)`` lets Qt carry on as usual).

What counts:
- ``WTS_SESSION_LOCK`` (0x7) is the screen locking (Win+L, the screensaver's lock, a lid closed
  with sign-in required on wake); ``WTS_SESSION_UNLOCK`` (0x8) is signing back in.
- ``WTS_CONSOLE_DISCONNECT`` (0x2) and ``WTS_REMOTE_DISCONNECT`` (0x4) count as locked: this
  session's screen is no longer shown anywhere (another user took the console, the Remote Desktop
  client closed), so nobody is following a routine. Switching users locks first anyway; a Remote
  Desktop session that is merely disconnected may never say ``WTS_SESSION_LOCK``.
- ``WTS_CONSOLE_CONNECT`` (0x1) and ``WTS_REMOTE_CONNECT`` (0x3) count as unlocked only after such
  a disconnect: after a real lock, the lock screen is still up until ``WTS_SESSION_UNLOCK``.
- Logon, logoff, remote control and the rest change nothing.
The watcher keeps the state it last reported, so a lock followed by a disconnect says `locked`
once.

``WTSUnRegisterSessionNotification`` must be called before the window is destroyed: `close()`
does that, removes the filter and destroys the window. Registering can fail early in a boot,
before Remote Desktop Services are ready (RPC_S_INVALID_BINDING); deskbreak starts at sign-in,
well after. A watcher that could not register says so once in the log and never emits; the break
then ends through its own window or its overrun limit, as on a desktop without the signal.

Unit-tested with faked OS calls and hand-made MSG structures; not run on a real Windows machine
here.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Signal
from PySide6.QtGui import QWindow

log = logging.getLogger(__name__)

__all__ = [
    "MSG",
    "NOTIFY_FOR_THIS_SESSION",
    "WM_WTSSESSION_CHANGE",
    "SessionNotifications",
    "WindowsSessionLockWatcher",
]

WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_CONNECT = 0x1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_CONNECT = 0x3
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
WTS_SESSION_UNLOCK = 0x8
NOTIFY_FOR_THIS_SESSION = 0
WINDOWS_MESSAGE = b"windows_generic_MSG"

LOCKING = frozenset({WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT})
DISCONNECTS = frozenset({WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT})
CONNECTS = frozenset({WTS_CONSOLE_CONNECT, WTS_REMOTE_CONNECT})


class POINT(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32)]  # LONG: 32 bits on Windows


class MSG(ctypes.Structure):
    """winuser.h's MSG, with fixed-size fields so the layout is Windows' on any OS (tests build
    one here on Linux); WPARAM is UINT_PTR, LPARAM is LONG_PTR."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt", POINT),
    ]


@dataclass(frozen=True)
class SessionNotifications:
    """The wtsapi32 calls: `register(hwnd)` is WTSRegisterSessionNotification for this session
    (True: registered), `unregister(hwnd)` its counterpart, `last_error()` GetLastError's code."""

    register: Callable[[int], bool]
    unregister: Callable[[int], object]
    last_error: Callable[[], int] = lambda: 0


def _wtsapi32() -> SessionNotifications | None:
    if sys.platform != "win32":
        return None
    try:
        wtsapi32 = ctypes.WinDLL("wtsapi32", use_last_error=True)
        register = wtsapi32.WTSRegisterSessionNotification
        unregister = wtsapi32.WTSUnRegisterSessionNotification
    except (AttributeError, OSError):
        return None
    register.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    register.restype = ctypes.c_int32  # BOOL
    unregister.argtypes = [ctypes.c_void_p]
    unregister.restype = ctypes.c_int32
    return SessionNotifications(
        register=lambda hwnd: bool(register(hwnd, NOTIFY_FOR_THIS_SESSION)),
        unregister=unregister,
        last_error=ctypes.get_last_error,
    )


class _SessionChangeFilter(QAbstractNativeEventFilter):
    """Hands the session-change messages for one window to a callback; lets everything through."""

    def __init__(self, hwnd: int, changed: Callable[[int], None]) -> None:
        super().__init__()
        self.hwnd = hwnd
        self.changed = changed

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        if eventType != WINDOWS_MESSAGE:  # a QByteArray compares equal to the same bytes
            return False, 0
        address = int(message)  # a shiboken VoidPtr at run time: int() is the MSG's address
        if address:
            msg = MSG.from_address(address)
            if msg.message == WM_WTSSESSION_CHANGE and (msg.hwnd or 0) == self.hwnd:
                self.changed(int(msg.wParam))
        return False, 0


class WindowsSessionLockWatcher(QObject):
    """Emits `locked` when this session's screen locks (or is disconnected), `unlocked` when the
    user is back; `close()` at quit."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, calls: SessionNotifications | None = None) -> None:
        super().__init__()
        self._calls = calls if calls is not None else _wtsapi32()
        self._window: QWindow | None = None
        self._hwnd = 0
        self._filter: _SessionChangeFilter | None = None
        self._locked_by: int | None = None  # the wParam that last said `locked`
        self.listening = False
        if self._calls is None:
            return
        window = QWindow()  # never shown: it exists to have an HWND the messages go to
        hwnd = int(window.winId())
        if not self._calls.register(hwnd):
            error = self._calls.last_error()
            log.info("cannot hear the screen locking: WTSRegisterSessionNotification failed (%s)", error)
            window.destroy()
            return
        self._window, self._hwnd = window, hwnd
        self._filter = _SessionChangeFilter(hwnd, self._session_changed)
        QCoreApplication.instance().installNativeEventFilter(self._filter)  # type: ignore[union-attr]
        self.listening = True

    def _session_changed(self, change: int) -> None:
        if change in LOCKING:
            if self._locked_by is None:
                self._locked_by = change
                self.locked.emit()
        elif self._locked_by is not None and (
            change == WTS_SESSION_UNLOCK or (change in CONNECTS and self._locked_by in DISCONNECTS)
        ):
            self._locked_by = None
            self.unlocked.emit()

    def close(self) -> None:
        """Unregister (before the window goes, as wtsapi32 asks), stop filtering, drop the window."""
        if self._filter is not None:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeNativeEventFilter(self._filter)
            self._filter = None
        if self._window is not None:
            assert self._calls is not None
            self._calls.unregister(self._hwnd)
            self._window.destroy()
            self._window = None
        self.listening = False
