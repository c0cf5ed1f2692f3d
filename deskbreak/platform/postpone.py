"""Should a due reminder wait? The contract, the combined check and the factory (issue 9).

When a reminder falls due, the app asks :meth:`PostponeCheck.reason`: a short reason such as
"in a call", "a fullscreen window" or "do not disturb" means "not now"; None means "go ahead".
Nothing runs between reminders: each backend does its work only inside ``reason()``, so the
checks cost nothing the rest of the time.

Contract for every backend: answer on the GUI thread within a few milliseconds (a bounded
subprocess of at most 0.25 s is the worst case, in do_not_disturb) and never raise. The
combined check enforces "never raise" for all of them: an exception becomes None and is logged
once per backend, and an answer slower than :data:`SLOW_ANSWER_SECONDS` is logged once too.

Backends, one module each, imported lazily by :func:`create_postpone_checks` (they import
nothing from here, so there is no import cycle; tests check their reason strings match these):

- ``in_call_linux``: a camera or a microphone is in use (Linux).
- ``fullscreen_x11``: the active (or focused) X11 window is fullscreen.
- ``do_not_disturb``: the desktop's do-not-disturb (dunst, GNOME, KDE, Xfce).
- ``fullscreen_windows``: Windows says a fullscreen app, game or presentation is running.
- ``focus_assist_windows``: Windows Focus Assist / "Do not disturb" (an undocumented WNF state).
- ``fullscreen_macos``: the frontmost Mac app has a window covering a whole display.
- ``do_not_disturb_macos``: a macOS Focus (or Big Sur's Do Not Disturb), read from its files.

Not covered: fullscreen on Wayland (no common protocol tells a client what is in front); a
camera or microphone in use on Windows and macOS; on macOS 13 and later, Focus unless the app
has Full Disk Access (its files are protected), and Focus turned on by other triggers than by
hand or by a time schedule; Windows Focus Assist's automatic rules are not verified (each
backend's docstring says what it sees and what it does not).
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
    "DO_NOT_DISTURB",
    "FULLSCREEN_WINDOW",
    "IN_A_CALL",
    "SLOW_ANSWER_SECONDS",
    "CheckFactory",
    "CombinedPostponeCheck",
    "NullPostponeCheck",
    "PostponeCheck",
    "choose_checks",
    "create_postpone_checks",
]

log = logging.getLogger(__name__)

IN_A_CALL = "in a call"
"""A camera or microphone is in use."""

FULLSCREEN_WINDOW = "a fullscreen window"
"""The window the user is looking at fills the screen (a film, a game, a presentation)."""

DO_NOT_DISTURB = "do not disturb"
"""The desktop's own do-not-disturb (notifications paused) is on."""


@runtime_checkable
class PostponeCheck(Protocol):
    """Asked when a reminder is due: a reason to let it wait, or None."""

    def reason(self) -> str | None:
        """A short reason the reminder should wait ("in a call"), or None; never raises."""
        ...

    def close(self) -> None:
        """Release OS resources (display connections); safe to call twice."""
        ...


class NullPostponeCheck:
    """Never postpones: used when no backend works on this platform or session."""

    name = "none"

    def reason(self) -> str | None:
        return None

    def close(self) -> None:
        return None


class CombinedPostponeCheck:
    """Asks its checks in order; the first reason wins and the rest are not asked.

    Every check's exception becomes None (logged once per check, with its traceback), so
    ``reason()`` never raises. ``clock`` is injectable for the slow-answer log in tests.
    """

    name = "combined"

    def __init__(
        self,
        checks: Sequence[PostponeCheck],
        *,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._checks = list(checks)
        self._asker = Asker("postpone check", "counted as no reason to wait", log, clock)

    @property
    def names(self) -> tuple[str, ...]:
        """The checks' names in the order they are asked (for logs and diagnostics)."""
        return tuple(name_of(check) for check in self._checks)

    def reason(self) -> str | None:
        for index, check in enumerate(self._checks):
            answer = self._asker.ask(index, check, check.reason)
            if answer:
                return answer
        return None

    def close(self) -> None:
        self._asker.close_all(self._checks)


CheckFactory = Callable[[Mapping[str, str]], PostponeCheck]
"""Builds one backend for the given environment; raises (anything) when it cannot work here."""


def _in_call_linux(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.in_call_linux import LinuxInCallCheck

    return LinuxInCallCheck()


def _fullscreen_x11(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.fullscreen_x11 import X11FullscreenCheck

    return X11FullscreenCheck(environ.get("DISPLAY"))


def _do_not_disturb(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.do_not_disturb import create_do_not_disturb_check

    return create_do_not_disturb_check(environ)


def _fullscreen_windows(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.fullscreen_windows import WindowsFullscreenCheck

    return WindowsFullscreenCheck()


def _focus_assist_windows(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.focus_assist_windows import FocusAssistCheck

    return FocusAssistCheck()


def _fullscreen_macos(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.fullscreen_macos import MacFullscreenCheck

    return MacFullscreenCheck()


def _do_not_disturb_macos(environ: Mapping[str, str]) -> PostponeCheck:
    from deskbreak.platform.do_not_disturb_macos import create_macos_dnd_check

    return create_macos_dnd_check(environ)


DEFAULT_FACTORIES: Mapping[str, CheckFactory] = {
    "in-call-linux": _in_call_linux,
    "fullscreen-x11": _fullscreen_x11,
    "do-not-disturb": _do_not_disturb,
    "fullscreen-windows": _fullscreen_windows,
    "focus-assist-windows": _focus_assist_windows,
    "fullscreen-macos": _fullscreen_macos,
    "do-not-disturb-macos": _do_not_disturb_macos,
}


def choose_checks(platform: str, environ: Mapping[str, str]) -> list[str]:
    """Names of the backends that apply here, in the order they are asked.

    "in a call" comes first (the most telling reason when several hold, e.g. a fullscreen
    screen share), then fullscreen, then do-not-disturb (a subprocess, the slowest). On Wayland
    the X11 fullscreen check is left out: XWayland sees only X clients, and what it reports while
    a Wayland window is in front has not been verified.
    """
    if platform == "win32":
        return ["fullscreen-windows", "focus-assist-windows"]
    if platform == "darwin":
        return ["fullscreen-macos", "do-not-disturb-macos"]
    names = []
    if platform.startswith("linux"):
        names.append("in-call-linux")
    if environ.get("DISPLAY") and not is_wayland(environ):
        names.append("fullscreen-x11")
    names.append("do-not-disturb")
    return names


def create_postpone_checks(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    *,
    factories: Mapping[str, CheckFactory] | None = None,
) -> PostponeCheck:
    """The postpone check for this session: every backend that can be built, combined; never raises.

    A backend whose constructor raises is left out (logged at info: a missing tool or library
    is normal). With none left, a :class:`NullPostponeCheck`. ``factories`` replaces the real
    constructors by name (the keys of :data:`DEFAULT_FACTORIES`).
    """
    table = DEFAULT_FACTORIES if factories is None else factories
    built: list[PostponeCheck] = []
    for name in choose_checks(platform, environ):
        factory = table.get(name)
        if factory is None:
            continue
        try:
            built.append(factory(environ))
        except Exception as exc:
            log.info("postpone check %s not available: %s", name, exc)
    if not built:
        log.info("no postpone check works here; due reminders are never held back")
        return NullPostponeCheck()
    log.info("postpone checks: %s", ", ".join(name_of(check) for check in built))
    return CombinedPostponeCheck(built)
