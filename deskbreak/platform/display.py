"""Is there a screen to show a tray icon on? Asked before Qt, which aborts the process without one.

Only X11 and Wayland sessions are checked (Windows and macOS always have a desktop when a user
runs the app); Qt's headless platforms (offscreen, minimal, vnc) need nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}


def x_display_answers(name: str) -> bool:
    """Open and close a connection to the X server `name`; True if it answered."""
    library = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        xlib = ctypes.CDLL(library)
    except OSError:
        return True  # without libX11 we cannot ask; let Qt try and say what it finds
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    handle = xlib.XOpenDisplay(name.encode())
    if not handle:
        return False
    xlib.XCloseDisplay(handle)
    return True


def wayland_socket(environ: Mapping[str, str]) -> Path | None:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = Path(environ.get("XDG_RUNTIME_DIR", "")) / name
    return path


def missing_display(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    x_answers: Callable[[str], bool] = x_display_answers,
    exists: Callable[[Path], bool] = Path.exists,
) -> str | None:
    """None when a display is there; else one line saying what is missing and what to do."""
    if platform in ("win32", "darwin"):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    socket = wayland_socket(environ)
    if qpa != "xcb" and socket is not None and exists(socket):
        return None
    display = environ.get("DISPLAY", "")
    if qpa != "wayland" and display and x_answers(display):
        return None
    found = []
    if qpa != "wayland":
        found.append(f"no X server answers at DISPLAY={display!r}" if display else "DISPLAY is not set")
    if qpa != "xcb":
        found.append(f"no Wayland compositor at {socket}" if socket else "WAYLAND_DISPLAY is not set")
    return (
        f"deskbreak needs a graphical desktop session, and there is none here ({'; '.join(found)}). "
        "Start it from your desktop session (its autostart, launcher or a terminal inside it)."
    )
