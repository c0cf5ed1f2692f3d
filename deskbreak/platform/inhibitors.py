"""Is the user's idleness being held off by a program (a video, a call)? Contract and factory (issue 9).

Idle time only counts input. Someone watching a film or listening in a video call touches
nothing, yet is still sitting: that idle stretch is not a natural break. Players and call apps
say so to the desktop with an idle or screensaver *inhibitor*; :meth:`InhibitCheck.inhibited`
asks whether one is held now:

- True: something holds one: count the idle stretch as sitting;
- False: nothing does (as far as the sources that answered can see);
- None: cannot tell here (treat as before this check existed: idle is a break).

Contract for every backend: asked on the GUI thread, and only once idle time has grown past a
threshold (so it costs nothing while the user types); answers within about
:data:`SLOW_ANSWER_SECONDS` (bounded timeouts), never raises (an error is None, logged once).

Backends, one module each, imported lazily by :func:`create_inhibit_check`:

- ``inhibit_linux.SessionBusInhibitCheck`` ("session-bus"): GNOME's
  ``org.gnome.SessionManager.InhibitedActions`` (idle bit), KDE's
  ``org.freedesktop.PowerManagement.Inhibit.HasInhibit``; on Linux and other Unix desktops.
- ``inhibit_linux.X11InhibitCheck`` ("x11-screensaver"): the X server's screensaver held off by
  ``XScreenSaverSuspend``; X11 sessions only (never on Wayland: connecting could start
  XWayland, and it sees X clients only).
- ``inhibit_windows.WindowsInhibitCheck``: ES_DISPLAY_REQUIRED in the system execution state.
- ``inhibit_macos.MacInhibitCheck``: PreventUserIdleDisplaySleep assertions held.

Caution for callers: deskbreak itself inhibits the screensaver while a break runs
(``screen_awake``), and the desktop sources cannot tell that request from a player's; ask only
outside breaks.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from .asking import SLOW_ANSWER_SECONDS, Asker, is_wayland, name_of

__all__ = [
    "SLOW_ANSWER_SECONDS",
    "CombinedInhibitCheck",
    "InhibitCheck",
    "InhibitCheckFactory",
    "NullInhibitCheck",
    "choose_inhibit_sources",
    "create_inhibit_check",
]

log = logging.getLogger(__name__)


@runtime_checkable
class InhibitCheck(Protocol):
    """Asked when idle time has grown long: does a program hold an idle/screensaver inhibitor?"""

    def inhibited(self) -> bool | None:
        """True (held), False (not held) or None (cannot tell); never raises."""
        ...

    def close(self) -> None:
        """Release OS resources (bus and display connections); safe to call twice."""
        ...


class NullInhibitCheck:
    """Cannot tell, ever: used when no backend works on this platform or session."""

    name = "none"

    def __init__(self, reason: str = "no inhibitor source on this platform") -> None:
        self.reason = reason

    def inhibited(self) -> bool | None:
        return None

    def close(self) -> None:
        return None


class CombinedInhibitCheck:
    """Asks its checks in order: the first True wins (the rest are not asked); otherwise False
    if any check answered False, else None.

    Every check's exception becomes None (logged once per check, with its traceback), so
    ``inhibited()`` never raises; an answer slower than SLOW_ANSWER_SECONDS is logged once per
    check. ``clock`` is injectable for tests.
    """

    name = "combined"

    def __init__(
        self,
        checks: Sequence[InhibitCheck],
        *,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._checks = list(checks)
        self._asker = Asker("inhibit check", "counted as unknown", log, clock)

    @property
    def names(self) -> tuple[str, ...]:
        """The checks' names in the order they are asked (for logs and diagnostics)."""
        return tuple(name_of(check) for check in self._checks)

    def inhibited(self) -> bool | None:
        verdict: bool | None = None
        for index, check in enumerate(self._checks):
            answer = self._asker.ask(index, check, check.inhibited)
            if answer is True:
                return True
            if answer is False:
                verdict = False
        return verdict

    def close(self) -> None:
        self._asker.close_all(self._checks)


InhibitCheckFactory = Callable[[Mapping[str, str]], InhibitCheck]
"""Builds one backend for the given environment; raises (anything) when it cannot work here."""


def _session_bus(environ: Mapping[str, str]) -> InhibitCheck:
    from deskbreak.platform.inhibit_linux import SessionBusInhibitCheck

    # The environment's bus (a private connection), so a test or a nested session is honoured.
    return SessionBusInhibitCheck(bus_address=environ.get("DBUS_SESSION_BUS_ADDRESS") or None)


def _x11_screensaver(environ: Mapping[str, str]) -> InhibitCheck:
    from deskbreak.platform.inhibit_linux import X11InhibitCheck

    return X11InhibitCheck(environ.get("DISPLAY"))


def _windows(environ: Mapping[str, str]) -> InhibitCheck:
    from deskbreak.platform.inhibit_windows import WindowsInhibitCheck

    return WindowsInhibitCheck()


def _macos(environ: Mapping[str, str]) -> InhibitCheck:
    from deskbreak.platform.inhibit_macos import MacInhibitCheck

    return MacInhibitCheck()


DEFAULT_FACTORIES: Mapping[str, InhibitCheckFactory] = {
    "session-bus": _session_bus,
    "x11-screensaver": _x11_screensaver,
    "windows-execution-state": _windows,
    "macos-assertions": _macos,
}


def choose_inhibit_sources(platform: str, environ: Mapping[str, str]) -> list[str]:
    """Names of the backends that apply here, in the order they are asked."""
    if platform == "win32":
        return ["windows-execution-state"]
    if platform == "darwin":
        return ["macos-assertions"]
    names = ["session-bus"]
    if environ.get("DISPLAY") and not is_wayland(environ):
        names.append("x11-screensaver")
    return names


def create_inhibit_check(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    *,
    factories: Mapping[str, InhibitCheckFactory] | None = None,
) -> InhibitCheck:
    """The inhibit check for this session: every backend that can be built, combined; never raises.

    Always a :class:`CombinedInhibitCheck` (it enforces "never raises" and logs slow answers)
    when at least one backend could be built. A backend whose constructor raises is left out
    (logged at info). With none left, a
    :class:`NullInhibitCheck` (answers None). ``factories`` replaces the real constructors by
    name (session-bus, x11-screensaver, windows-execution-state, macos-assertions).
    """
    try:
        table = DEFAULT_FACTORIES if factories is None else factories
        built: list[InhibitCheck] = []
        failures: list[str] = []
        for name in choose_inhibit_sources(platform, environ):
            factory = table.get(name)
            if factory is None:
                continue
            try:
                built.append(factory(environ))
            except Exception as exc:
                failures.append(f"{name}: {exc}")
                log.info("inhibit check %s not available: %s", name, exc)
        if not built:
            reason = "; ".join(failures) or f"no inhibitor source for {platform}"
            log.info("no inhibit check works here (%s); idle always counts as a break", reason)
            return NullInhibitCheck(reason)
        log.info("inhibit checks: %s", ", ".join(name_of(check) for check in built))
        return CombinedInhibitCheck(built)
    except Exception as exc:  # the contract: never raises
        log.warning("building the inhibit check failed", exc_info=True)
        return NullInhibitCheck(f"building the inhibit check failed: {exc}")
