"""X11 idle time from the MIT-SCREEN-SAVER extension (libXss) through ctypes.

No python-xlib dependency: libX11 and libXss are on every X11 desktop. The monitor opens its own
display connection once (Qt's connection is xcb and not ours to share) and asks the server for
``XScreenSaverInfo.idle`` (milliseconds since the last input event).

Threading: called on the GUI thread about twice a minute; each query is one round trip to the
local X server (microseconds). The connection is used by that one thread only, so no XInitThreads.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
from collections.abc import Callable
from typing import Any

from deskbreak.platform.idle_base import IdleMonitorUnavailable

__all__ = ["LibraryLoader", "X11IdleMonitor", "XScreenSaverInfo", "load_library"]


class XScreenSaverInfo(ctypes.Structure):
    """Mirror of ``XScreenSaverInfo`` from <X11/extensions/scrnsaver.h>."""

    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


LibraryLoader = Callable[[str], Any]
"""Loads a shared library by short name ("X11" or "Xss") and returns a ctypes.CDLL-like object."""

_SONAMES = {"X11": "libX11.so.6", "Xss": "libXss.so.1"}


def load_library(short_name: str) -> Any:
    """Load libX11/libXss by their usual soname, falling back to ctypes.util.find_library."""
    soname = _SONAMES.get(short_name)
    if soname is not None:
        try:
            return ctypes.CDLL(soname)
        except OSError:
            pass
    found = ctypes.util.find_library(short_name)
    if found is None:
        raise OSError(f"shared library lib{short_name} not found")
    return ctypes.CDLL(found)


def _declare(x11: Any, xss: Any) -> None:
    """Set argument and return types; without them ctypes truncates 64-bit pointers to int."""
    info_p = ctypes.POINTER(XScreenSaverInfo)
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XFree.restype = ctypes.c_int
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.restype = ctypes.c_int
    xss.XScreenSaverQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    xss.XScreenSaverQueryExtension.restype = ctypes.c_int
    xss.XScreenSaverAllocInfo.argtypes = []
    xss.XScreenSaverAllocInfo.restype = info_p
    xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, info_p]
    xss.XScreenSaverQueryInfo.restype = ctypes.c_int


class XScreenSaverConnection:
    """A display connection with an XScreenSaverInfo block: what the idle monitor and the
    inhibitor check share. Subclasses set ``unavailable`` (their "cannot work here" error) and
    may declare more libX11 functions in ``declare``."""

    unavailable: type[Exception] = RuntimeError

    def __init__(self, display: str | None = None, *, loader: LibraryLoader = load_library) -> None:
        self._display: int | None = None
        self._info: Any = None
        try:
            self._x11 = loader("X11")
            self._xss = loader("Xss")
            self.declare(self._x11, self._xss)
        except (OSError, AttributeError) as exc:
            raise self.unavailable(f"libX11/libXss not usable: {exc}") from exc
        handle = self._x11.XOpenDisplay(display.encode() if display is not None else None)
        if not handle:
            raise self.unavailable(f"cannot open X display {display!r}")
        self._display = handle
        base, error = ctypes.c_int(), ctypes.c_int()
        if not self._xss.XScreenSaverQueryExtension(handle, ctypes.byref(base), ctypes.byref(error)):
            self.close()
            raise self.unavailable(f"X display {display!r} lacks MIT-SCREEN-SAVER")
        info = self._xss.XScreenSaverAllocInfo()
        if not info:
            self.close()
            raise self.unavailable("XScreenSaverAllocInfo failed")
        self._info = info
        self._root = int(self._x11.XDefaultRootWindow(handle))

    def declare(self, x11: Any, xss: Any) -> None:
        _declare(x11, xss)

    def close(self) -> None:
        """Free the info block and close the display connection (idempotent)."""
        if self._info is not None:
            self._x11.XFree(self._info)
            self._info = None
        if self._display is not None:
            self._x11.XCloseDisplay(self._display)
            self._display = None

    def __del__(self) -> None:
        # Best effort only: the app calls close(); this keeps tests from leaking connections.
        with contextlib.suppress(Exception):
            self.close()


class X11IdleMonitor(XScreenSaverConnection):
    """Idle seconds of an X11 display via XScreenSaverQueryInfo.

    ``display`` is an X display name such as ":0" (None: libX11 reads DISPLAY).
    ``loader`` is injectable so tests can run this against a fake library without an X server.
    Raises IdleMonitorUnavailable when the library, the display or the extension is missing.
    """

    name = "x11"
    unavailable = IdleMonitorUnavailable

    def idle_seconds(self) -> float | None:
        """Seconds since the last input event on this display; None once closed or on failure."""
        if self._display is None or self._info is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return float(self._info.contents.idle) / 1000.0
