"""X11: is the window the user is looking at fullscreen? libX11 through ctypes, like idle_x11.

What counts as fullscreen, and which window is looked at, is decided in fullscreen_x11_rules;
the X server is asked through xlib_windows. This module is the postpone check around them.

X errors (a window closed between two requests) would make libX11's default handler exit the
process; around each query a handler that only records them is installed and the previous one
restored. The connection is opened once and used by the GUI thread only.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
from collections.abc import Iterator

from deskbreak.platform.fullscreen_x11_rules import NONE, POINTER_ROOT, WindowSource, fullscreen_window
from deskbreak.platform.idle_x11 import LibraryLoader, load_library
from deskbreak.platform.xlib_windows import XlibWindows, declare

__all__ = [
    "NONE",
    "POINTER_ROOT",
    "REASON",
    "WindowSource",
    "X11FullscreenCheck",
    "X11FullscreenUnavailable",
    "XlibWindows",
    "fullscreen_window",
]

log = logging.getLogger(__name__)

REASON = "a fullscreen window"
"""Equal to deskbreak.platform.postpone.FULLSCREEN_WINDOW (not imported: no import cycle)."""


class X11FullscreenUnavailable(RuntimeError):
    """libX11 or the display cannot be used."""


_ERROR_HANDLER_TYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class X11FullscreenCheck:
    """Postpone check: "a fullscreen window" when the window in front is fullscreen.

    ``display`` is an X display name such as ":0" (None: libX11 reads DISPLAY). ``loader`` is
    injectable (tests). Raises X11FullscreenUnavailable when libX11 or the display is missing.
    """

    name = "fullscreen-x11"

    def __init__(self, display: str | None = None, *, loader: LibraryLoader = load_library) -> None:
        self._display: int | None = None
        try:
            self._x11 = loader("X11")
            declare(self._x11)
        except (OSError, AttributeError) as exc:
            raise X11FullscreenUnavailable(f"libX11 not usable: {exc}") from exc
        handle = self._x11.XOpenDisplay(display.encode() if display is not None else None)
        if not handle:
            raise X11FullscreenUnavailable(f"cannot open X display {display!r}")
        self._display = handle
        self._errors: list[int] = []
        self._error_logged = False
        # Kept on the instance: ctypes must not free the callback while libX11 may call it.
        self._handler = _ERROR_HANDLER_TYPE(self._record_error)
        self._windows = XlibWindows(self._x11, handle)

    def _record_error(self, display: int | None, event: int | None) -> int:
        self._errors.append(1)
        return 0

    def fullscreen_window(self) -> int | None:
        """The fullscreen window in front (its X id), or None; X errors count as None."""
        if self._display is None:
            return None
        with self._errors_recorded():
            window = fullscreen_window(self._windows)
            if self._errors:  # a window closed mid-query: no firm answer, so no reason to wait
                return None
        return window

    def reason(self) -> str | None:
        """ "a fullscreen window" or None; never raises."""
        try:
            return REASON if self.fullscreen_window() is not None else None
        except Exception:
            if not self._error_logged:
                self._error_logged = True
                log.warning("fullscreen check failed (logged once)", exc_info=True)
            return None

    @contextlib.contextmanager
    def _errors_recorded(self) -> Iterator[None]:
        previous = self._x11.XSetErrorHandler(ctypes.cast(self._handler, ctypes.c_void_p))
        try:
            yield
        finally:
            self._x11.XSetErrorHandler(previous)
            self._errors.clear()

    def close(self) -> None:
        """Close the display connection (idempotent)."""
        if self._display is not None:
            self._x11.XCloseDisplay(self._display)
            self._display = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
