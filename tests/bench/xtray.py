"""Watch an X display from outside for a process's tray icon being embedded (XEmbed), via ctypes libX11.

No python-xlib: libX11 is already loaded by the harness. One private display connection; every
poll walks the window tree (XQueryTree) and looks at a few properties. A window counts as the
process's *embedded tray icon* when all of these hold:

* it carries ``_XEMBED_INFO`` (Qt sets it on the QSystemTrayIcon window it offers for docking),
* its ``_NET_WM_PID`` is the process's PID (Qt sets it on every window it creates),
* it is no longer a top-level window: the tray host reparented it into one of its own windows
  (trayer is a GTK2 app; it reparents the icon into a GtkSocket inside its panel), and
* it is viewable (map_state == IsViewable): the host mapped it after the XEmbed handshake, and
  every ancestor (the trayer panel) is mapped too, so the icon is on screen.

Not a test module (name does not match test_*.py); imported by bench_idle.py.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from dataclasses import dataclass, field

_IS_VIEWABLE = 2
_ANY_PROPERTY_TYPE = 0
_SUCCESS = 0


class _XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_lib: ctypes.CDLL | None = None
_keep_handler: object = None


def _x11() -> ctypes.CDLL:
    global _lib, _keep_handler
    if _lib is not None:
        return _lib
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    ul, vp, ip = ctypes.c_ulong, ctypes.c_void_p, ctypes.c_int
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XOpenDisplay.restype = vp
    lib.XCloseDisplay.argtypes = [vp]
    lib.XDefaultRootWindow.argtypes = [vp]
    lib.XDefaultRootWindow.restype = ul
    lib.XInternAtom.argtypes = [vp, ctypes.c_char_p, ip]
    lib.XInternAtom.restype = ul
    lib.XGetSelectionOwner.argtypes = [vp, ul]
    lib.XGetSelectionOwner.restype = ul
    lib.XQueryTree.argtypes = [
        vp,
        ul,
        ctypes.POINTER(ul),
        ctypes.POINTER(ul),
        ctypes.POINTER(ctypes.POINTER(ul)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XQueryTree.restype = ip
    lib.XGetWindowProperty.argtypes = [
        vp,
        ul,
        ul,
        ctypes.c_long,
        ctypes.c_long,
        ip,
        ul,
        ctypes.POINTER(ul),
        ctypes.POINTER(ip),
        ctypes.POINTER(ul),
        ctypes.POINTER(ul),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    lib.XGetWindowProperty.restype = ip
    lib.XGetWindowAttributes.argtypes = [vp, ul, ctypes.POINTER(_XWindowAttributes)]
    lib.XGetWindowAttributes.restype = ip
    lib.XFree.argtypes = [vp]
    lib.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
    lib.XSetErrorHandler.restype = vp
    # Windows come and go between XQueryTree and the next request (BadWindow); Xlib's default
    # handler would exit the whole bench. Ignore errors: the failing call just returns "nothing".
    _keep_handler = _ERROR_HANDLER(lambda _d, _e: 0)
    lib.XSetErrorHandler(_keep_handler)
    _lib = lib
    return lib


@dataclass
class TrayWindow:
    window: int
    parent: int
    pid: int | None
    viewable: bool
    toplevel: bool


@dataclass
class Snapshot:
    """What one poll saw: windows by owning PID, and every window that carries _XEMBED_INFO."""

    pids: dict[int, int] = field(default_factory=dict)  # window -> _NET_WM_PID (top-levels+children)
    xembed: list[TrayWindow] = field(default_factory=list)


class XWatcher:
    """A private libX11 connection used to poll the window tree."""

    def __init__(self, display: str) -> None:
        self.lib = _x11()
        self.dpy = self.lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = int(self.lib.XDefaultRootWindow(self.dpy))
        self.a_xembed = self.lib.XInternAtom(self.dpy, b"_XEMBED_INFO", 0)
        self.a_pid = self.lib.XInternAtom(self.dpy, b"_NET_WM_PID", 0)
        self.a_tray = self.lib.XInternAtom(self.dpy, b"_NET_SYSTEM_TRAY_S0", 0)

    def close(self) -> None:
        if self.dpy:
            self.lib.XCloseDisplay(self.dpy)
            self.dpy = None

    def __enter__(self) -> XWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- X requests -----------------------------------------------------------------------

    def tray_owner(self) -> int:
        return int(self.lib.XGetSelectionOwner(self.dpy, self.a_tray))

    def _children(self, window: int) -> list[int]:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        kids = ctypes.POINTER(ctypes.c_ulong)()
        n = ctypes.c_uint()
        if not self.lib.XQueryTree(
            self.dpy, window, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(kids), ctypes.byref(n)
        ):
            return []
        try:
            return [int(kids[i]) for i in range(n.value)]
        finally:
            if kids:
                self.lib.XFree(kids)

    def _property(self, window: int, atom: int) -> list[int] | None:
        """Items of a 32-bit property (as longs), [] for other formats, None if absent/error."""
        a_type, a_fmt = ctypes.c_ulong(), ctypes.c_int()
        nitems, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self.lib.XGetWindowProperty(
            self.dpy,
            window,
            atom,
            0,
            4,
            0,
            _ANY_PROPERTY_TYPE,
            ctypes.byref(a_type),
            ctypes.byref(a_fmt),
            ctypes.byref(nitems),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        try:
            if status != _SUCCESS or a_type.value == 0:
                return None
            if a_fmt.value == 32 and data.value:
                arr = ctypes.cast(data, ctypes.POINTER(ctypes.c_long))
                return [int(arr[i]) for i in range(nitems.value)]
            return []
        finally:
            if data.value:
                self.lib.XFree(data)

    def _viewable(self, window: int) -> bool:
        attrs = _XWindowAttributes()
        if not self.lib.XGetWindowAttributes(self.dpy, window, ctypes.byref(attrs)):
            return False
        return attrs.map_state == _IS_VIEWABLE

    # -- polling --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Walk the whole tree once (Xvfb holds a few dozen windows: a few ms)."""
        snap = Snapshot()
        stack = [(self.root, child) for child in self._children(self.root)]
        while stack:
            parent, window = stack.pop()
            pid_prop = self._property(window, self.a_pid)
            pid = pid_prop[0] if pid_prop else None
            if pid is not None:
                snap.pids[window] = pid
            if self._property(window, self.a_xembed) is not None:
                snap.xembed.append(
                    TrayWindow(window, parent, pid, self._viewable(window), parent == self.root)
                )
            stack.extend((window, child) for child in self._children(window))
        return snap


@dataclass
class TrayTiming:
    """Seconds from the given start (time.monotonic) to each milestone, or None if never seen."""

    first_window: float | None = None  # any X window with _NET_WM_PID == pid
    xembed_window: float | None = None  # its tray icon window exists (not yet docked)
    embedded: float | None = None  # reparented into the tray host and viewable
    resolution: float | None = None  # duration of the poll that saw `embedded` plus the gap before it
    window: int | None = None
    parent: int | None = None
    polls: int = 0
    pid_matched: bool = True


def wait_for_embedding(
    watcher: XWatcher,
    pid: int,
    t0: float,
    *,
    ignore: set[int],
    timeout: float = 20.0,
    interval: float = 0.010,
    alive: object = None,
) -> TrayTiming:
    """Poll every `interval` s until a tray icon window of `pid` is embedded; times relative to t0.

    `ignore` holds _XEMBED_INFO windows that existed before the process started. If no window
    carries the PID (a toolkit that does not set _NET_WM_PID), any new embedded window counts and
    ``pid_matched`` is False. `alive` is an optional callable; polling stops when it returns False.
    """
    timing = TrayTiming()
    prev_start = t0
    deadline = t0 + timeout
    while True:
        start = time.monotonic()
        snap = watcher.snapshot()
        end = time.monotonic()
        timing.polls += 1
        if timing.first_window is None and pid in snap.pids.values():
            timing.first_window = end - t0
        mine = [w for w in snap.xembed if w.window not in ignore and w.pid == pid]
        if mine and timing.xembed_window is None:
            timing.xembed_window = end - t0
        docked = [w for w in mine if not w.toplevel and w.viewable]
        if not docked:
            strangers = [
                w
                for w in snap.xembed
                if w.window not in ignore and w.pid is None and not w.toplevel and w.viewable
            ]
            if strangers and not any(p == pid for p in snap.pids.values()):
                docked, timing.pid_matched = strangers, False
        if docked:
            timing.embedded = end - t0
            timing.resolution = end - prev_start
            timing.window, timing.parent = docked[0].window, docked[0].parent
            return timing
        if end >= deadline or (callable(alive) and not alive()):
            return timing
        prev_start = start
        time.sleep(max(0.0, interval - (time.monotonic() - start)))
