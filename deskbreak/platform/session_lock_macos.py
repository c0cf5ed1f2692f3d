"""macOS: notice the screen locking and unlocking, so a break window left open is closed.

``CGSessionCopyCurrentDictionary()`` (CoreGraphics, no permission needed) returns the window
server's dictionary for the caller's GUI session, owned by the caller (CFRelease), or NULL
outside a GUI session. While the screen is locked it holds ``CGSSessionScreenIsLocked`` = true
(a CFBoolean); unlocked, the key is absent. The key is not among the documented "Window Server
Session Properties", but it is what other programs read (sources from 2012 to 2026):

- Apple: developer.apple.com/documentation/coregraphics/cgsessioncopycurrentdictionary()
  (NULL outside a GUI session; the caller releases the dictionary).
- stackoverflow.com/questions/11505255/osx-check-if-the-screen-is-locked (how to read the
  dictionary: CGSSessionScreenIsLocked = 1 while locked; off console it may not be known).
- rustdesk/rustdesk pull 11560 (src/platform/macos.rs, 2025: "No CGSSessionScreenIsLocked can
  be found when macOS is not locked"; ``ioreg -n Root -d1 -a`` shows it as ``<true/>``);
  ActivityWatch/aw-watcher-afk issue 66 (2024-2026: suggested over watching loginwindow);
  manaflow-ai/cmux pull 5912 (2026, reads it next to kCGSessionOnConsoleKey); code in
  XjShi/LockMac-EB, sparta-science/cancel-on-screen-lock, HariSekhon/DevOps-Bash-tools.

Caveats: a screensaver or a sleeping display without a password is not a lock and is not seen;
when another user has fast-switched in, this session is off the console and may not say it is
locked. Apple's own route, the com.apple.screenIsLocked distributed notification, needs an
Objective-C observer (pyobjc), which deskbreak does without; so this polls.

Polling, and only while it matters (the app must cost almost nothing while idle): every 2 s
while a break runs (``watch(True)``, from the controller's status: a lock then closes the break
window within 2 s), and never outside a break, except every 30 s while a lock it saw has not
yet been seen to end (so the away time after it is logged as "lock" and the flag is cleared).
With no break and the screen unlocked there is no timer at all: zero wake-ups and no CPU, so
the idle target (<= 0.01 CPU s/min, few wake-ups) is met outside breaks; polling at 30 s
instead would have added 2 wake-ups a minute all day for a lock that, outside a break, only
labels the time away. So a lock outside a break goes unseen, and that time away is logged as
"idle" rather than "lock" (both count as away). One read is one IPC round trip to the window
server plus a few CF calls: estimated at a fraction of a millisecond (not measured: no Mac
here), so about 30 reads a minute during a break and 2 a minute while locked.

Read through ctypes (CoreGraphics, CoreFoundation); no pyobjc. Unit-tested with faked
frameworks; not run on a real Mac here.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from .corefoundation import (
    K_CF_NUMBER_SINT64_TYPE,
    K_CF_STRING_ENCODING_UTF8,
    declare_strings,
    load_framework,
)

__all__ = [
    "BREAK_POLL_MS",
    "LOCKED_KEY",
    "LOCKED_POLL_MS",
    "MacSessionLockWatcher",
    "core_graphics_reader",
    "read_screen_locked",
]

log = logging.getLogger(__name__)

LOCKED_KEY = "CGSSessionScreenIsLocked"
BREAK_POLL_MS = 2_000  # while a break runs: a lock closes its window within this
LOCKED_POLL_MS = 30_000  # outside a break, only until a lock seen is seen to end

ReadLocked = Callable[[], "bool | None"]
"""True while the screen is locked, False when not, None when it cannot be told."""


def _declare(cf: Any, cg: Any) -> None:
    cg.CGSessionCopyCurrentDictionary.argtypes = []
    cg.CGSessionCopyCurrentDictionary.restype = ctypes.c_void_p
    declare_strings(cf)
    cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFDictionaryGetValue.restype = ctypes.c_void_p
    cf.CFGetTypeID.argtypes = [ctypes.c_void_p]
    cf.CFGetTypeID.restype = ctypes.c_ulong
    cf.CFBooleanGetTypeID.argtypes = []
    cf.CFBooleanGetTypeID.restype = ctypes.c_ulong
    cf.CFBooleanGetValue.argtypes = [ctypes.c_void_p]
    cf.CFBooleanGetValue.restype = ctypes.c_bool
    cf.CFNumberGetTypeID.argtypes = []
    cf.CFNumberGetTypeID.restype = ctypes.c_ulong
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    cf.CFNumberGetValue.restype = ctypes.c_bool


def _truth(cf: Any, value: int) -> bool:
    """A CFBoolean's value (what macOS stores); a CFNumber's, non-zero; anything else present: True."""
    kind = cf.CFGetTypeID(value)
    if kind == cf.CFBooleanGetTypeID():
        return bool(cf.CFBooleanGetValue(value))
    if kind == cf.CFNumberGetTypeID():
        number = ctypes.c_int64(0)
        if cf.CFNumberGetValue(value, K_CF_NUMBER_SINT64_TYPE, ctypes.byref(number)):
            return number.value != 0
    return True


def read_screen_locked(cf: Any, cg: Any) -> bool | None:
    """Whether the session's screen is locked; None outside a GUI session (or on failure).

    ``cf`` and ``cg`` are the loaded CoreFoundation and CoreGraphics (or fakes with the same
    calls). Everything this creates or copies is released.
    """
    session = cg.CGSessionCopyCurrentDictionary()
    if not session:
        return None
    try:
        key = cf.CFStringCreateWithCString(None, LOCKED_KEY.encode(), K_CF_STRING_ENCODING_UTF8)
        if not key:
            return None
        try:
            value = cf.CFDictionaryGetValue(session, key)  # borrowed: not released
            return bool(value) and _truth(cf, value)
        finally:
            cf.CFRelease(key)
    finally:
        cf.CFRelease(session)


def core_graphics_reader(
    loader: Callable[[str], Any] = load_framework, platform: str = sys.platform
) -> ReadLocked | None:
    """The real reader, bound here; None off macOS or when the frameworks cannot be loaded."""
    if platform != "darwin":
        return None
    try:
        cf, cg = loader("CoreFoundation"), loader("CoreGraphics")
        _declare(cf, cg)
    except (OSError, AttributeError):
        log.warning("screen lock (macOS): CoreGraphics/CoreFoundation not usable", exc_info=True)
        return None

    def read() -> bool | None:
        return read_screen_locked(cf, cg)

    return read


class MacSessionLockWatcher(QObject):
    """Emits `locked` when the screen locks and `unlocked` when it unlocks, each once per change.

    ``watch(True)`` while a break runs, ``watch(False)`` otherwise (see the module docstring for
    when it polls). ``read_locked`` is injectable so tests run on any OS; without it the real
    CoreGraphics reader is bound here, and where there is none the watcher never polls.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        read_locked: ReadLocked | None = None,
        *,
        break_interval_ms: int = BREAK_POLL_MS,
        locked_interval_ms: int = LOCKED_POLL_MS,
    ) -> None:
        super().__init__()
        self._read = read_locked if read_locked is not None else core_graphics_reader()
        self.break_interval_ms = break_interval_ms
        self.locked_interval_ms = locked_interval_ms
        self.is_locked = False  # as last read; the session starts unlocked, as on Linux
        self.watching = False
        self._closed = False
        self._error_logged = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)

    def watch(self, on: bool) -> None:
        """Poll often while `on` (a break runs); otherwise only until a lock seen has ended."""
        self.watching = bool(on)
        self._schedule()

    @Slot()
    def poll(self) -> None:
        """Read the lock state once; emit on a change. A failed read changes nothing."""
        if self._read is None or self._closed:
            return
        try:
            state = self._read()
        except Exception:
            state = None
            if not self._error_logged:
                self._error_logged = True
                log.warning(
                    "screen lock (macOS): CGSessionCopyCurrentDictionary failed (logged once)", exc_info=True
                )
        if state is not None and state != self.is_locked:
            self.is_locked = state
            (self.locked if state else self.unlocked).emit()  # may call watch() back
        self._schedule()

    def close(self) -> None:
        self._closed = True
        self.timer.stop()

    def _schedule(self) -> None:
        if self._read is None or self._closed:
            self.timer.stop()
            return
        if self.watching:
            interval = self.break_interval_ms
        elif self.is_locked:
            interval = self.locked_interval_ms
        else:
            self.timer.stop()
            return
        if not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)
