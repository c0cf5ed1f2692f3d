"""X11: is the window the user is looking at fullscreen? libX11 through ctypes, like idle_x11.

Which window: the root's ``_NET_ACTIVE_WINDOW`` when an EWMH window manager keeps it (every
mainstream X11 desktop). Without it (no window manager, or one that does not keep it), the
window holding the keyboard focus (``XGetInputFocus``) and its ancestors up to the top level.

Fullscreen means:

- the window carries ``_NET_WM_STATE_FULLSCREEN`` in ``_NET_WM_STATE``. Window managers set it
  when they make a window fullscreen, and clients set it themselves before mapping (Qt's
  ``showFullScreen()`` under xcb does, also with no window manager: verified under Xvfb);
- only when there is no window manager at all (neither ``_NET_ACTIVE_WINDOW`` nor
  ``_NET_SUPPORTING_WM_CHECK`` on the root): the focused top-level window covers the whole
  root window. Nothing maximizes windows without a window manager, so covering the screen is a
  client's own fullscreen. With a window manager the geometry is not used: a maximized window
  on a desktop without panels covers the screen too, and taking it for fullscreen would hold
  every reminder back for good.

Limits: with several monitors a fullscreen window covers one monitor, which only the state shows
(the geometry fallback compares with the whole root). Override-redirect windows (some old games)
never hold the focus as seen here and are not detected.

X errors (a window closed between two requests) would make libX11's default handler exit the
process; around each query a handler that only records them is installed and the previous one
restored. The connection is opened once and used by the GUI thread only.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
from collections.abc import Iterator
from typing import Any, Protocol

from deskbreak.platform.idle_x11 import LibraryLoader, load_library

__all__ = [
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

NONE = 0
POINTER_ROOT = 1
_SUCCESS = 0
_XA_ATOM = 4
_XA_WINDOW = 33
_ANY_PROPERTY_TYPE = 0
_MAX_DEPTH = 32  # ancestors walked from the focus window; real trees are 2-4 deep


class X11FullscreenUnavailable(RuntimeError):
    """libX11 or the display cannot be used."""


class WindowSource(Protocol):
    """What the fullscreen decision needs from the X server (faked in tests)."""

    root: int

    def window_property(self, window: int, name: str) -> list[int] | None:
        """A 32-bit WINDOW property's values; None when the property is not set."""
        ...

    def has_state(self, window: int, state: str) -> bool:
        """True if ``state`` (an atom name) is in the window's ``_NET_WM_STATE``."""
        ...

    def focus(self) -> int:
        """The window holding the keyboard focus (NONE, POINTER_ROOT or a window id)."""
        ...

    def parent(self, window: int) -> int | None:
        """The window's parent (the root for a top-level window); None if it is gone."""
        ...

    def geometry(self, window: int) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) relative to its parent; None if it is gone."""
        ...

    def screen_size(self) -> tuple[int, int]:
        """The root window's width and height."""
        ...


def fullscreen_window(source: WindowSource) -> int | None:
    """The fullscreen window the user is looking at, or None (see the module's docstring)."""
    active = source.window_property(source.root, "_NET_ACTIVE_WINDOW")
    if active is not None:  # an EWMH window manager says which window is active
        window = active[0] if active else NONE
        if window == NONE or not source.has_state(window, "_NET_WM_STATE_FULLSCREEN"):
            return None
        return window
    has_wm = source.window_property(source.root, "_NET_SUPPORTING_WM_CHECK") is not None
    focus = source.focus()
    if focus in (NONE, POINTER_ROOT) or focus == source.root:
        return None
    path = list(_up_to_top_level(source, focus))
    for window in path:
        if source.has_state(window, "_NET_WM_STATE_FULLSCREEN"):
            return window
    if has_wm or not path:
        return None
    top = path[-1]
    geometry = source.geometry(top)
    if geometry is None:
        return None
    x, y, width, height = geometry
    screen_width, screen_height = source.screen_size()
    if x <= 0 and y <= 0 and x + width >= screen_width and y + height >= screen_height:
        return top
    return None


def _up_to_top_level(source: WindowSource, window: int) -> Iterator[int]:
    """``window`` and its ancestors, ending with the top-level one (the root's child)."""
    for _ in range(_MAX_DEPTH):
        yield window
        parent = source.parent(window)
        if parent is None or parent in (NONE, source.root):
            return
        window = parent


_ERROR_HANDLER_TYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _declare(x11: Any) -> None:
    """Set argument and return types; without them ctypes truncates 64-bit pointers to int."""
    ulong_p = ctypes.POINTER(ctypes.c_ulong)
    int_p = ctypes.POINTER(ctypes.c_int)
    uint_p = ctypes.POINTER(ctypes.c_uint)
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XGetWindowProperty.argtypes = [
        ctypes.c_void_p,  # display
        ctypes.c_ulong,  # window
        ctypes.c_ulong,  # property
        ctypes.c_long,  # long_offset
        ctypes.c_long,  # long_length
        ctypes.c_int,  # delete
        ctypes.c_ulong,  # req_type
        ulong_p,  # actual_type_return
        int_p,  # actual_format_return
        ulong_p,  # nitems_return
        ulong_p,  # bytes_after_return
        ctypes.POINTER(ctypes.c_void_p),  # prop_return
    ]
    x11.XGetWindowProperty.restype = ctypes.c_int
    x11.XGetInputFocus.argtypes = [ctypes.c_void_p, ulong_p, int_p]
    x11.XGetInputFocus.restype = ctypes.c_int
    x11.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ulong_p,
        ulong_p,
        ctypes.POINTER(ctypes.c_void_p),
        uint_p,
    ]
    x11.XQueryTree.restype = ctypes.c_int
    x11.XGetGeometry.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ulong_p,
        int_p,
        int_p,
        uint_p,
        uint_p,
        uint_p,
        uint_p,
    ]
    x11.XGetGeometry.restype = ctypes.c_int
    x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    x11.XSetErrorHandler.restype = ctypes.c_void_p
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XFree.restype = ctypes.c_int
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.restype = ctypes.c_int


class XlibWindows:
    """:class:`WindowSource` on a libX11 connection (``x11`` declared, ``display`` open)."""

    def __init__(self, x11: Any, display: int) -> None:
        self._x11 = x11
        self._display = display
        self.root = int(x11.XDefaultRootWindow(display))
        self._atoms: dict[str, int] = {}

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = int(self._x11.XInternAtom(self._display, name.encode(), 0))
        return self._atoms[name]

    def _property_longs(self, window: int, name: str, req_type: int) -> list[int] | None:
        actual_type = ctypes.c_ulong()
        actual_format = ctypes.c_int()
        nitems = ctypes.c_ulong()
        bytes_after = ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self._x11.XGetWindowProperty(
            self._display,
            window,
            self.atom(name),
            0,
            64,  # in 32-bit units: 64 states or windows is plenty
            0,
            req_type,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(nitems),
            ctypes.byref(bytes_after),
            ctypes.byref(data),
        )
        try:
            if status != _SUCCESS or actual_type.value == NONE:
                return None  # the window is gone, or the property is not set
            if actual_format.value != 32 or not data.value:
                return []
            # Format 32 comes back as an array of C longs, whatever their size.
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [int(values[i]) for i in range(nitems.value)]
        finally:
            if data.value:
                self._x11.XFree(data)

    def window_property(self, window: int, name: str) -> list[int] | None:
        return self._property_longs(window, name, _XA_WINDOW)

    def has_state(self, window: int, state: str) -> bool:
        states = self._property_longs(window, "_NET_WM_STATE", _XA_ATOM) or []
        return self.atom(state) in states

    def focus(self) -> int:
        window = ctypes.c_ulong()
        revert_to = ctypes.c_int()
        self._x11.XGetInputFocus(self._display, ctypes.byref(window), ctypes.byref(revert_to))
        return int(window.value)

    def parent(self, window: int) -> int | None:
        root = ctypes.c_ulong()
        parent = ctypes.c_ulong()
        children = ctypes.c_void_p()
        count = ctypes.c_uint()
        ok = self._x11.XQueryTree(
            self._display,
            window,
            ctypes.byref(root),
            ctypes.byref(parent),
            ctypes.byref(children),
            ctypes.byref(count),
        )
        if children.value:
            self._x11.XFree(children)
        return int(parent.value) if ok else None

    def geometry(self, window: int) -> tuple[int, int, int, int] | None:
        root = ctypes.c_ulong()
        x, y = ctypes.c_int(), ctypes.c_int()
        width, height, border, depth = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        ok = self._x11.XGetGeometry(
            self._display,
            window,
            ctypes.byref(root),
            ctypes.byref(x),
            ctypes.byref(y),
            ctypes.byref(width),
            ctypes.byref(height),
            ctypes.byref(border),
            ctypes.byref(depth),
        )
        if not ok:
            return None
        return x.value, y.value, width.value, height.value

    def screen_size(self) -> tuple[int, int]:
        geometry = self.geometry(self.root)
        return (geometry[2], geometry[3]) if geometry else (0, 0)


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
            _declare(self._x11)
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
