"""macOS: hold a reminder while the frontmost app has a window covering a whole display.

CoreGraphics lists the windows on screen, front to back: ``CGWindowListCopyWindowInfo`` with
kCGWindowListOptionOnScreenOnly | kCGWindowListExcludeDesktopElements. Each entry gives the
window's layer (kCGWindowLayer: 0 for ordinary app windows; the menu bar, Dock, panels and
overlays sit on other layers), its owner's process id, its opacity and its bounds; the active
displays' bounds come from ``CGGetActiveDisplayList`` and ``CGDisplayBounds``. Both are in the
same global coordinates (points, origin at the main display's top-left corner).

The frontmost app is taken as the owner of the frontmost visible layer-0 window. When one of
that app's visible layer-0 windows covers a whole display, the answer is "a fullscreen window":
a film or a presentation in native fullscreen (its own Space, menu bar hidden) or an app's own
borderless fullscreen. A zoomed ("maximised") window leaves the menu bar uncovered and does not
count, nor does a fullscreen window of an app behind the frontmost one.

Not seen: fullscreen with "automatically hide and show the menu bar" turned off (macOS 13+ can
keep the menu bar; the window then does not cover its display), and a frontmost app whose
fullscreen window sits on a layer other than 0. Window bounds need no Screen Recording
permission (only window titles do, and they are not read). Read through ctypes (CoreGraphics,
CoreFoundation); no pyobjc. Unit-tested with faked frameworks; not run on a real Mac here.

Threading: one call to the window server on the GUI thread (about a millisecond for a few dozen
windows); nothing is kept between calls.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .corefoundation import (
    K_CF_NUMBER_DOUBLE_TYPE,
    K_CF_NUMBER_SINT64_TYPE,
    K_CF_STRING_ENCODING_UTF8,
    declare_strings,
    load_framework,
)

__all__ = [
    "REASON",
    "CGRect",
    "CoreGraphicsWindows",
    "MacFullscreenCheck",
    "MacFullscreenUnavailable",
    "Rect",
    "WindowInfo",
    "fullscreen_window",
]

log = logging.getLogger(__name__)

REASON = "a fullscreen window"
"""Equal to deskbreak.platform.postpone.FULLSCREEN_WINDOW (not imported: no import cycle)."""

K_CG_WINDOW_LIST_OPTION_ON_SCREEN_ONLY = 1 << 0
K_CG_WINDOW_LIST_EXCLUDE_DESKTOP_ELEMENTS = 1 << 4
K_CG_NULL_WINDOW_ID = 0
MAX_DISPLAYS = 32
TOLERANCE = 1.0  # points: bounds are doubles, and a fullscreen window may be rounded

Rect = tuple[float, float, float, float]
"""x, y, width, height in global display points."""


class MacFullscreenUnavailable(RuntimeError):
    """Not on macOS, or CoreGraphics/CoreFoundation cannot be loaded."""


@dataclass(frozen=True)
class WindowInfo:
    """One on-screen window as CoreGraphics describes it."""

    layer: int
    owner_pid: int
    bounds: Rect
    alpha: float = 1.0


class CGRect(ctypes.Structure):
    """CGRect: CGPoint origin then CGSize size, four CGFloat (double on 64-bit macOS)."""

    _fields_ = [
        ("x", ctypes.c_double),
        ("y", ctypes.c_double),
        ("width", ctypes.c_double),
        ("height", ctypes.c_double),
    ]


def _visible(window: WindowInfo) -> bool:
    return window.layer == 0 and window.alpha > 0 and window.bounds[2] > 0 and window.bounds[3] > 0


def _covers(window: Rect, display: Rect) -> bool:
    wx, wy, ww, wh = window
    dx, dy, dw, dh = display
    return (
        wx <= dx + TOLERANCE
        and wy <= dy + TOLERANCE
        and wx + ww >= dx + dw - TOLERANCE
        and wy + wh >= dy + dh - TOLERANCE
    )


def fullscreen_window(windows: Sequence[WindowInfo], displays: Sequence[Rect]) -> WindowInfo | None:
    """The frontmost app's window that covers a display, or None.

    ``windows`` are in CoreGraphics' front-to-back order; the owner of the first visible
    layer-0 window is the frontmost app.
    """
    visible = [window for window in windows if _visible(window)]
    if not visible or not displays:
        return None
    front_pid = visible[0].owner_pid
    for window in visible:
        if window.owner_pid == front_pid and any(_covers(window.bounds, d) for d in displays):
            return window
    return None


class WindowSource(Protocol):
    """What the check asks: the on-screen windows (front to back) and the displays' bounds."""

    def windows(self) -> list[WindowInfo] | None: ...

    def displays(self) -> list[Rect] | None: ...


def _declare(cf: Any, cg: Any) -> None:
    cg.CGWindowListCopyWindowInfo.argtypes = [ctypes.c_uint32, ctypes.c_uint32]
    cg.CGWindowListCopyWindowInfo.restype = ctypes.c_void_p
    cg.CGRectMakeWithDictionaryRepresentation.argtypes = [ctypes.c_void_p, ctypes.POINTER(CGRect)]
    cg.CGRectMakeWithDictionaryRepresentation.restype = ctypes.c_bool
    cg.CGGetActiveDisplayList.argtypes = [
        ctypes.c_uint32,
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.POINTER(ctypes.c_uint32),
    ]
    cg.CGGetActiveDisplayList.restype = ctypes.c_int32
    cg.CGDisplayBounds.argtypes = [ctypes.c_uint32]
    cg.CGDisplayBounds.restype = CGRect
    cf.CFArrayGetCount.argtypes = [ctypes.c_void_p]
    cf.CFArrayGetCount.restype = ctypes.c_long
    cf.CFArrayGetValueAtIndex.argtypes = [ctypes.c_void_p, ctypes.c_long]
    cf.CFArrayGetValueAtIndex.restype = ctypes.c_void_p
    cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFDictionaryGetValue.restype = ctypes.c_void_p
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    cf.CFNumberGetValue.restype = ctypes.c_bool
    declare_strings(cf)


_KEYS = ("kCGWindowLayer", "kCGWindowOwnerPID", "kCGWindowBounds", "kCGWindowAlpha")
"""The dictionary keys' string values (CFEqual to CoreGraphics' own key constants)."""


class CoreGraphicsWindows:
    """The real WindowSource over loaded CoreFoundation and CoreGraphics (or fakes of them).

    Everything it creates or copies is released within the call.
    """

    def __init__(self, cf: Any, cg: Any) -> None:
        self._cf, self._cg = cf, cg

    def _number(self, dictionary: int, key: int, kind: int) -> float | None:
        number = self._cf.CFDictionaryGetValue(dictionary, key)  # borrowed
        value: ctypes.c_int64 | ctypes.c_double = (
            ctypes.c_double(0.0) if kind == K_CF_NUMBER_DOUBLE_TYPE else ctypes.c_int64(0)
        )
        if not number or not self._cf.CFNumberGetValue(number, kind, ctypes.byref(value)):
            return None
        return value.value

    def _window(self, entry: int, keys: dict[str, int]) -> WindowInfo | None:
        layer = self._number(entry, keys["kCGWindowLayer"], K_CF_NUMBER_SINT64_TYPE)
        pid = self._number(entry, keys["kCGWindowOwnerPID"], K_CF_NUMBER_SINT64_TYPE)
        alpha = self._number(entry, keys["kCGWindowAlpha"], K_CF_NUMBER_DOUBLE_TYPE)
        bounds_dict = self._cf.CFDictionaryGetValue(entry, keys["kCGWindowBounds"])
        rect = CGRect()
        if layer is None or pid is None or not bounds_dict:
            return None
        if not self._cg.CGRectMakeWithDictionaryRepresentation(bounds_dict, ctypes.byref(rect)):
            return None
        bounds = (rect.x, rect.y, rect.width, rect.height)
        return WindowInfo(int(layer), int(pid), bounds, 1.0 if alpha is None else alpha)

    def windows(self) -> list[WindowInfo] | None:
        options = K_CG_WINDOW_LIST_OPTION_ON_SCREEN_ONLY | K_CG_WINDOW_LIST_EXCLUDE_DESKTOP_ELEMENTS
        array = self._cg.CGWindowListCopyWindowInfo(options, K_CG_NULL_WINDOW_ID)
        if not array:
            return None
        keys: dict[str, int] = {}
        try:
            for name in _KEYS:
                key = self._cf.CFStringCreateWithCString(None, name.encode(), K_CF_STRING_ENCODING_UTF8)
                if not key:
                    return None
                keys[name] = key
            found = []
            for index in range(int(self._cf.CFArrayGetCount(array))):
                entry = self._cf.CFArrayGetValueAtIndex(array, index)  # borrowed
                window = self._window(entry, keys) if entry else None
                if window is not None:
                    found.append(window)
            return found
        finally:
            for key in keys.values():
                self._cf.CFRelease(key)
            self._cf.CFRelease(array)

    def displays(self) -> list[Rect] | None:
        ids = (ctypes.c_uint32 * MAX_DISPLAYS)()
        count = ctypes.c_uint32(0)
        if self._cg.CGGetActiveDisplayList(MAX_DISPLAYS, ids, ctypes.byref(count)) != 0:
            return None
        rects = [self._cg.CGDisplayBounds(ids[i]) for i in range(min(count.value, MAX_DISPLAYS))]
        return [(r.x, r.y, r.width, r.height) for r in rects]


def core_graphics_windows(
    loader: Callable[[str], Any] = load_framework, platform: str = sys.platform
) -> CoreGraphicsWindows:
    """The real source, bound here; MacFullscreenUnavailable off macOS or without the frameworks."""
    if platform != "darwin":
        raise MacFullscreenUnavailable("CGWindowListCopyWindowInfo exists only on macOS")
    try:
        cf, cg = loader("CoreFoundation"), loader("CoreGraphics")
        _declare(cf, cg)
    except (OSError, AttributeError) as exc:
        raise MacFullscreenUnavailable(f"CoreGraphics/CoreFoundation not usable: {exc}") from exc
    return CoreGraphicsWindows(cf, cg)


class MacFullscreenCheck:
    """Postpone check: "a fullscreen window" (see the module docstring); never raises.

    ``source`` is injectable so tests run on any OS; without it CoreGraphics is bound here and
    MacFullscreenUnavailable is raised when it cannot be.
    """

    name = "fullscreen-macos"

    def __init__(self, source: WindowSource | None = None) -> None:
        self._source = source if source is not None else core_graphics_windows()
        self._error_logged = False

    def reason(self) -> str | None:
        """ "a fullscreen window" or None; never raises."""
        try:
            windows = self._source.windows()
            displays = self._source.displays() if windows else None
            found = fullscreen_window(windows, displays) if windows and displays else None
        except Exception:
            if not self._error_logged:
                self._error_logged = True
                log.warning("fullscreen (macOS): the window server query failed (logged once)", exc_info=True)
            return None
        return REASON if found is not None else None

    def close(self) -> None:
        return None
