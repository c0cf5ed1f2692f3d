"""The X server side of fullscreen_x11_rules.WindowSource: libX11 through ctypes.

XlibWindows answers the decision's questions (properties, focus, parents, geometry) on an open
display; _declare gives libX11's functions their C types first. Used by fullscreen_x11, which
opens the display, loads the library and guards each query against X errors.
"""

from __future__ import annotations

import ctypes
from typing import Any

from deskbreak.platform.fullscreen_x11_rules import NONE

__all__ = ["XlibWindows", "declare"]

_SUCCESS = 0
_XA_ATOM = 4
_XA_WINDOW = 33


def declare(x11: Any) -> None:
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
