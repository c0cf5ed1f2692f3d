"""Linux: does something hold an idle or screensaver inhibitor (a video, a call)? (issue 9)

Two sources, each an :class:`~deskbreak.platform.inhibitors.InhibitCheck`:

* :class:`SessionBusInhibitCheck` asks the desktop on the session bus, over one private QtDBus
  connection:

  - GNOME (and anything running gnome-session): the ``InhibitedActions`` property (uint32
    bitmask) of ``org.gnome.SessionManager``; bit 8 (idle) set means someone inhibits idleness.
    gnome-shell forwards ``org.freedesktop.ScreenSaver.Inhibit`` and the portal's idle inhibit
    there too, so this sees Firefox, Chromium, mpv, Totem, video calls. A property is read with
    ``org.freedesktop.DBus.Properties.Get`` (two strings), so QtDBus works; ``IsInhibited(uint32)``
    does not (QtDBus sends Python ints as int32 and gnome-session rejects the signature).
    The bit clear is an authoritative "no".
  - KDE Plasma: PowerDevil's ``org.freedesktop.PowerManagement.Inhibit.HasInhibit()`` (bool).
    It reports inhibitions of *sleep*; a player that only calls
    ``org.freedesktop.ScreenSaver.Inhibit`` (Firefox's video wake lock) may not show in it, so
    ``true`` counts and ``false`` is "cannot tell" (None), never "no".

  A service that is not on the bus answers ``ServiceUnknown`` at once (the bus replies, no
  timeout), so both are asked on every desktop. Each call is bounded by ``timeout_ms``.

* :class:`X11InhibitCheck` reads the X server's own screensaver through libXss (ctypes, like
  ``idle_x11``). A client that calls ``XScreenSaverSuspend(dpy, True)`` (mpv, and Firefox or
  Chromium without a D-Bus screensaver service) does not change ``XScreenSaverQueryInfo``'s
  ``state`` (it stays ``ScreenSaverOff``, measured under Xvfb), but it stops the saver from
  coming on: once the user has been idle for longer than the server's timeout (``xset s``), the
  saver is *on* (``ScreenSaverOn``: nothing held it off, answer False) or still *off* with
  nothing left to wait for (``til_or_since == 0``: something holds it off, answer True). Before
  the timeout is reached, or with the timeout at 0 (``xset s off``, state ``ScreenSaverDisabled``,
  common when the desktop blanks the screen itself), X cannot tell: None. Note that when a
  client ends its suspension the server restarts its idle counter (measured), as for input.

Threading: asked on the GUI thread, only once idle time has grown past a threshold. The X query
is one local round trip; the D-Bus calls are local round trips (well under a millisecond),
bounded by ``timeout_ms`` (40 ms by default) when a service hangs.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from deskbreak.platform.idle_gnome import DBusCallError
from deskbreak.platform.idle_x11 import LibraryLoader, XScreenSaverConnection, XScreenSaverInfo, load_library
from deskbreak.platform.qtdbus_call import QtDBusCall, whole_number

if TYPE_CHECKING:
    pass

__all__ = [
    "CALL_TIMEOUT_MS",
    "GNOME_INHIBIT_IDLE",
    "BusCall",
    "InhibitUnavailable",
    "QtDBusCall",
    "SessionBusInhibitCheck",
    "X11InhibitCheck",
    "X11ScreenSaverState",
    "judge_x11_state",
]

log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 40
"""Bound of one D-Bus call; a local round trip takes well under a millisecond."""

GNOME_SERVICE = "org.gnome.SessionManager"
GNOME_PATH = "/org/gnome/SessionManager"
GNOME_INTERFACE = "org.gnome.SessionManager"
GNOME_PROPERTY = "InhibitedActions"
GNOME_INHIBIT_IDLE = 8
"""GsmInhibitorFlag: 1 logout, 2 user switch, 4 suspend, 8 idle, 16 automount."""

KDE_SERVICE = "org.freedesktop.PowerManagement"
KDE_PATH = "/org/freedesktop/PowerManagement/Inhibit"
KDE_INTERFACE = "org.freedesktop.PowerManagement.Inhibit"
KDE_METHOD = "HasInhibit"

PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"

# XScreenSaverQueryInfo states (<X11/extensions/saver.h>)
SCREEN_SAVER_OFF = 0
SCREEN_SAVER_ON = 1
SCREEN_SAVER_CYCLE = 2
SCREEN_SAVER_DISABLED = 3

X11_MARGIN_MS = 1000
"""Idle this long past the server's timeout before a saver still off reads as held off: the
server switches the saver on at its next timer tick, not at the exact millisecond."""


class InhibitUnavailable(RuntimeError):
    """A source cannot work here (no QtDBus, no bus, no libXss, no display)."""


BusCall = Callable[[str, str, str, str, Sequence[object]], Sequence[object]]
"""(service, path, interface, method, args) -> the reply's arguments; raises DBusCallError."""


def _bool(args: Sequence[object]) -> bool | None:
    if len(args) != 1 or not isinstance(args[0], bool):
        return None
    return args[0]


class SessionBusInhibitCheck:
    """GNOME's InhibitedActions, then KDE's HasInhibit, on one session bus connection.

    True when either says so; False when GNOME answered and its idle bit is clear (and KDE did
    not say true); None when neither could tell. ``call`` is injectable (tests); without it a
    :class:`QtDBusCall` on ``bus_address`` (None: Qt's session bus) is made and closed here.
    Every failure is logged once per desktop and answers None; never raises.
    """

    name = "session-bus"

    def __init__(
        self,
        call: BusCall | None = None,
        *,
        bus_address: str | None = None,
        timeout_ms: int = CALL_TIMEOUT_MS,
    ) -> None:
        self._owned: QtDBusCall | None = None
        if call is None:
            self._owned = QtDBusCall(bus_address, timeout_ms, "inhibitors", InhibitUnavailable)
            call = self._owned
        self._call: BusCall | None = call
        self._logged: set[str] = set()

    def gnome(self) -> bool | None:
        """GNOME's answer: the idle bit of InhibitedActions, or None when it cannot be read."""
        value = whole_number(
            self._ask(
                "gnome",
                GNOME_SERVICE,
                GNOME_PATH,
                PROPERTIES_INTERFACE,
                "Get",
                [GNOME_INTERFACE, GNOME_PROPERTY],
            )
        )
        return None if value is None else bool(value & GNOME_INHIBIT_IDLE)

    def kde(self) -> bool | None:
        """KDE's answer: True when HasInhibit says so, else None (false proves nothing)."""
        value = _bool(self._ask("kde", KDE_SERVICE, KDE_PATH, KDE_INTERFACE, KDE_METHOD, []))
        return True if value else None

    def inhibited(self) -> bool | None:
        gnome = self.gnome()
        if gnome:
            return True
        if self.kde():
            return True
        return gnome  # False (GNOME said no) or None (nobody could tell)

    def close(self) -> None:
        self._call = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def _ask(
        self, desktop: str, service: str, path: str, interface: str, method: str, args: Sequence[object]
    ) -> Sequence[object]:
        if self._call is None:
            return ()
        try:
            return self._call(service, path, interface, method, args)
        except Exception as exc:
            if desktop not in self._logged:
                self._logged.add(desktop)
                # ServiceUnknown is the normal answer on the other desktop: info, not warning.
                level = logging.INFO if isinstance(exc, DBusCallError) else logging.WARNING
                log.log(
                    level,
                    "inhibitors: %s (%s.%s) gave no answer: %s (counted as unknown; logged once)",
                    desktop,
                    service,
                    method,
                    exc,
                    exc_info=level == logging.WARNING,
                )
            return ()


class X11ScreenSaverState:
    """What the X server says about its screensaver (all times in milliseconds)."""

    __slots__ = ("idle_ms", "state", "til_or_since_ms", "timeout_ms")

    def __init__(self, state: int, til_or_since_ms: int, idle_ms: int, timeout_ms: int) -> None:
        self.state = state
        self.til_or_since_ms = til_or_since_ms
        self.idle_ms = idle_ms
        self.timeout_ms = timeout_ms

    def __repr__(self) -> str:
        return (
            f"X11ScreenSaverState(state={self.state}, til_or_since_ms={self.til_or_since_ms}, "
            f"idle_ms={self.idle_ms}, timeout_ms={self.timeout_ms})"
        )


def judge_x11_state(info: X11ScreenSaverState) -> bool | None:
    """True: the saver is held off (suspended); False: it came on; None: X cannot tell yet."""
    if info.timeout_ms <= 0 or info.state == SCREEN_SAVER_DISABLED:
        return None  # `xset s off`: the server's saver never comes on, suspended or not
    if info.state in (SCREEN_SAVER_ON, SCREEN_SAVER_CYCLE):
        return False  # it came on: nothing held it off
    if info.state != SCREEN_SAVER_OFF:
        return None
    if info.idle_ms >= info.timeout_ms + X11_MARGIN_MS and info.til_or_since_ms == 0:
        return True  # past its timeout and still off, with nothing left to count down
    return None  # not idle long enough for the saver to have come on


def _declare(x11: Any, xss: Any) -> None:
    info_p = ctypes.POINTER(XScreenSaverInfo)
    int_p = ctypes.POINTER(ctypes.c_int)
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XGetScreenSaver.argtypes = [ctypes.c_void_p, int_p, int_p, int_p, int_p]
    x11.XGetScreenSaver.restype = ctypes.c_int
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XFree.restype = ctypes.c_int
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.restype = ctypes.c_int
    xss.XScreenSaverQueryExtension.argtypes = [ctypes.c_void_p, int_p, int_p]
    xss.XScreenSaverQueryExtension.restype = ctypes.c_int
    xss.XScreenSaverAllocInfo.argtypes = []
    xss.XScreenSaverAllocInfo.restype = info_p
    xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, info_p]
    xss.XScreenSaverQueryInfo.restype = ctypes.c_int


class X11InhibitCheck(XScreenSaverConnection):
    """Is the X server's screensaver held off (XScreenSaverSuspend)? See the module docstring.

    ``display`` is an X display name (None: libX11 reads DISPLAY); ``loader`` is injectable for
    tests. Raises InhibitUnavailable when libX11/libXss, the display or the extension is missing.
    """

    name = "x11-screensaver"
    unavailable = InhibitUnavailable

    def __init__(self, display: str | None = None, *, loader: LibraryLoader = load_library) -> None:
        self._error_logged = False
        super().__init__(display, loader=loader)

    def declare(self, x11: Any, xss: Any) -> None:
        _declare(x11, xss)

    def state(self) -> X11ScreenSaverState | None:
        """The server's screensaver state and timeout now, or None once closed or on failure."""
        if self._display is None or self._info is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        timeout, interval = ctypes.c_int(), ctypes.c_int()
        blanking, exposures = ctypes.c_int(), ctypes.c_int()
        self._x11.XGetScreenSaver(
            self._display,
            ctypes.byref(timeout),
            ctypes.byref(interval),
            ctypes.byref(blanking),
            ctypes.byref(exposures),
        )
        info = self._info.contents
        return X11ScreenSaverState(
            state=int(info.state),
            til_or_since_ms=int(info.til_or_since),
            idle_ms=int(info.idle),
            timeout_ms=int(timeout.value) * 1000,  # XGetScreenSaver gives seconds
        )

    def inhibited(self) -> bool | None:
        try:
            state = self.state()
        except Exception:
            if not self._error_logged:
                self._error_logged = True
                log.warning("inhibitors: X screensaver query failed (logged once)", exc_info=True)
            return None
        return None if state is None else judge_x11_state(state)
