"""Idle time from ``org.freedesktop.ScreenSaver`` on the session bus (KDE Plasma and others).

KDE Plasma (X11 and Wayland) and some other freedesktop sessions answer two no-argument calls on
``/org/freedesktop/ScreenSaver``:

* ``GetSessionIdleTime`` (uint32): time since the last keyboard or mouse input. The freedesktop
  draft says *seconds*; KDE (ksmserver / kscreenlocker, through KIdleTime) returns
  *milliseconds*. The unit is chosen like this:

  1. ``XDG_CURRENT_DESKTOP`` naming KDE means milliseconds; anything else starts with seconds.
  2. While reading seconds, a counter that grows much faster than the clock (more than
     GROWTH_FACTOR times the time between two readings, plus a margin) can only be counting
     milliseconds: the monitor switches to milliseconds for good and logs it. The clock is
     CLOCK_BOOTTIME where there is one, so time spent suspended does not look like fast growth.
     The reverse (a KDE-named session whose source counts seconds) cannot be told from a user
     who came back, so it is not guessed.

* ``GetActive`` (bool): the screen saver or lock screen is on. The user is then away: the idle
  stretch runs from the last input before the lock and keeps growing for as long as the screen
  stays locked, whatever the counter says meanwhile (a mouse bumped at the lock screen resets it
  without the user being back). The sitting tracker turns that stretch into a natural break once
  it reaches the natural-break length, dated from the last input. A source without GetActive is
  read as never locked.

The constructor probes ``GetSessionIdleTime`` once and raises IdleMonitorUnavailable when the
service or the method is missing (GNOME answers NotSupported here; it has Mutter's monitor), so
the factory can try the next source.

Threading: called on the GUI thread about twice a minute. Each call is a blocking D-Bus round
trip bounded by CALL_TIMEOUT_MS; the second call (GetActive) is skipped when the first failed, so
a hung service costs at most one timeout and both calls together stay under half a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_gnome import DBusCallError
from deskbreak.platform.qtdbus_call import QtDBusCall, whole_number

if TYPE_CHECKING:
    pass

__all__ = [
    "CALL_TIMEOUT_MS",
    "GROWTH_FACTOR",
    "INTERFACE",
    "OBJECT_PATH",
    "SERVICE",
    "QtDBusCall",
    "ScreenSaverIdleMonitor",
    "counts_milliseconds",
]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
OBJECT_PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
IDLE_METHOD = "GetSessionIdleTime"
ACTIVE_METHOD = "GetActive"

CALL_TIMEOUT_MS = 240
"""Bound of one D-Bus call (two per reading stay under half a second); a local round trip takes
well under a millisecond."""

GROWTH_FACTOR = 10.0
"""A counter in seconds cannot grow faster than the clock; one growing this many times faster
(plus GROWTH_MARGIN raw units) counts milliseconds. Idle throughout, milliseconds grow 1000x."""

GROWTH_MARGIN = 10

BusCall = Callable[[str, str, str, str], Sequence[object]]
"""(service, path, interface, method) -> the reply's arguments; raises DBusCallError."""

Clock = Callable[[], float]


def _boot_clock() -> float:
    """Seconds on a clock that runs on while suspended (CLOCK_BOOTTIME), else monotonic."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


def counts_milliseconds(environ: Mapping[str, str]) -> bool:
    """True when the session's ScreenSaver service is KDE's, which answers in milliseconds."""
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    return "kde" in desktops or environ.get("KDE_FULL_SESSION", "").lower() == "true"


class ScreenSaverIdleMonitor:
    """Idle seconds from org.freedesktop.ScreenSaver; the screen locked reads as away.

    ``call`` is injectable (tests); without it a QtDBusCall on ``bus_address`` (None: Qt's
    session bus) is made and closed with the monitor. ``milliseconds`` is the first guess of the
    unit (see the module docstring); ``clock`` measures the time between readings.
    Raises IdleMonitorUnavailable when the service or GetSessionIdleTime is missing.
    """

    name = "screensaver"

    def __init__(
        self,
        call: BusCall | None = None,
        *,
        bus_address: str | None = None,
        milliseconds: bool = False,
        clock: Clock = _boot_clock,
    ) -> None:
        self._owned: QtDBusCall | None = None
        if call is None:
            self._owned = QtDBusCall(bus_address, CALL_TIMEOUT_MS, "idle-screensaver", IdleMonitorUnavailable)
            call = self._owned
        self._call: BusCall | None = call
        self.milliseconds = milliseconds
        self._clock = clock
        self._last: tuple[float, int] | None = None  # (clock, raw count) of the last reading
        self._locked_since: float | None = None  # clock time the away stretch began, while locked
        try:
            raw = self._raw_idle()
        except DBusCallError as exc:
            self.close()
            raise IdleMonitorUnavailable(f"{SERVICE}.{IDLE_METHOD} unavailable: {exc}") from exc
        if raw is None:
            self.close()
            raise IdleMonitorUnavailable(f"{SERVICE}.{IDLE_METHOD} gave an unexpected reply")

    @property
    def locked(self) -> bool:
        """The screen saver or lock was on at the last reading."""
        return self._locked_since is not None

    def idle_seconds(self) -> float | None:
        """Seconds since the last input (longer while the screen is locked), or None on failure."""
        now = self._clock()
        try:
            raw = self._raw_idle()
        except DBusCallError:
            raw = None
        if raw is None:
            # A hung or vanished service: unknown, and no second call to wait for.
            self._last = None
            self._locked_since = None
            return None
        self._check_unit(now, raw)
        self._last = (now, raw)
        idle = raw / 1000.0 if self.milliseconds else float(raw)
        if not self._active():
            self._locked_since = None
            return idle
        if self._locked_since is None:
            self._locked_since = now - idle
        return max(idle, now - self._locked_since)

    def close(self) -> None:
        """End the bus connection this monitor opened (idempotent); later readings are None."""
        self._call = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def _raw_idle(self) -> int | None:
        if self._call is None:
            raise DBusCallError("monitor closed")
        return whole_number(self._call(SERVICE, OBJECT_PATH, INTERFACE, IDLE_METHOD))

    def _active(self) -> bool:
        if self._call is None:
            return False
        try:
            args = self._call(SERVICE, OBJECT_PATH, INTERFACE, ACTIVE_METHOD)
        except DBusCallError:
            return False  # no GetActive (or it failed): read as not locked
        return len(args) == 1 and args[0] is True

    def _check_unit(self, now: float, raw: int) -> None:
        if self.milliseconds or self._last is None:
            return
        then, before = self._last
        elapsed = max(0.0, now - then)
        if raw - before > GROWTH_FACTOR * elapsed + GROWTH_MARGIN:
            log.info(
                "%s.%s grew by %d in %.1f s: it counts milliseconds, not seconds",
                SERVICE,
                IDLE_METHOD,
                raw - before,
                elapsed,
            )
            self.milliseconds = True
