"""The desktop's own do-not-disturb: when notifications are paused, a reminder waits too.

Each desktop keeps it somewhere else; each is asked through its own command-line tool, run only
if that tool is on PATH and only on the desktop it belongs to:

- dunst (any desktop but GNOME, KDE and Xfce, whose shells own the notification service):
  ``dunstctl is-paused`` prints ``true``;
- GNOME (``XDG_CURRENT_DESKTOP`` names GNOME, e.g. "ubuntu:GNOME"):
  ``gsettings get org.gnome.desktop.notifications show-banners`` prints ``false``;
- KDE Plasma: the notification server's ``Inhibited`` property
  (``org.freedesktop.Notifications``), read with ``dbus-send``, is ``true``;
- Xfce: ``xfconf-query -c xfce4-notifyd -p /do-not-disturb`` prints ``true``.

Each command runs with a timeout of ``timeout`` seconds (0.25 by default; measured answers take
2-10 ms). A command that fails, times out or prints something else counts as "not paused"; its
first failure is logged. A command that outlives its timeout is killed with its process group
(our own child). dunstctl talks to org.freedesktop.Notifications: if no daemon owns that name,
the bus may start one, as it would for the app's own first notification.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "REASON",
    "DoNotDisturbCheck",
    "DoNotDisturbUnavailable",
    "DndSource",
    "Runner",
    "choose_sources",
    "create_do_not_disturb_check",
    "run_command",
]

log = logging.getLogger(__name__)

REASON = "do not disturb"
"""Equal to deskbreak.platform.postpone.DO_NOT_DISTURB (not imported: no import cycle)."""

DEFAULT_TIMEOUT = 0.25

Runner = Callable[[Sequence[str], float, Mapping[str, str]], "str | None"]
"""Runs argv with a timeout (seconds) in an environment; its stdout, or None on any failure."""


class DoNotDisturbUnavailable(RuntimeError):
    """No do-not-disturb source applies to this desktop (or none of their tools is installed)."""


@dataclass(frozen=True)
class DndSource:
    """One desktop's do-not-disturb: the command that reads it and how to read its answer."""

    name: str
    argv: tuple[str, ...]
    is_on: Callable[[str], bool]


def _word(output: str) -> str:
    return output.strip().lower()


def _dunst_paused(output: str) -> bool:
    return _word(output) == "true"


def _gnome_banners_off(output: str) -> bool:
    return _word(output) == "false"


def _kde_inhibited(output: str) -> bool:
    # dbus-send --print-reply=literal prints e.g. "   variant       boolean true"
    return _word(output).split()[-1:] == ["true"]


def _xfce_dnd(output: str) -> bool:
    return _word(output) == "true"


DUNST = DndSource("dunst", ("dunstctl", "is-paused"), _dunst_paused)
GNOME = DndSource(
    "gnome",
    ("gsettings", "get", "org.gnome.desktop.notifications", "show-banners"),
    _gnome_banners_off,
)
KDE = DndSource(
    "kde",
    (
        "dbus-send",
        "--session",
        "--print-reply=literal",
        "--reply-timeout=200",
        "--dest=org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Notifications",
        "string:Inhibited",
    ),
    _kde_inhibited,
)
XFCE = DndSource("xfce", ("xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb"), _xfce_dnd)


def _desktops(environ: Mapping[str, str]) -> set[str]:
    names = environ.get("XDG_CURRENT_DESKTOP", "") + ":" + environ.get("DESKTOP_SESSION", "")
    return {part.strip().lower() for part in names.replace(";", ":").split(":") if part.strip()}


def choose_sources(
    environ: Mapping[str, str],
    which: Callable[[str, str | None], str | None] | None = None,
) -> list[DndSource]:
    """The sources to ask on this desktop whose tool is on ``environ``'s PATH."""
    find = which or (lambda tool, path: shutil.which(tool, path=path))
    desktops = _desktops(environ)
    wanted: list[DndSource] = []
    if "gnome" in desktops:
        wanted.append(GNOME)
    if desktops & {"kde", "plasma", "plasmawayland"}:
        wanted.append(KDE)
    if "xfce" in desktops:
        wanted.append(XFCE)
    if not desktops & {"gnome", "kde", "plasma", "plasmawayland", "xfce"}:
        wanted.append(DUNST)
    path = environ.get("PATH")
    return [source for source in wanted if find(source.argv[0], path) is not None]


def run_command(argv: Sequence[str], timeout: float, env: Mapping[str, str]) -> str | None:
    """Run ``argv``; its stdout if it exits 0 within ``timeout`` seconds, else None (never raises).

    The child runs in its own process group; on timeout that group (only our child and what it
    started, e.g. dunstctl's dbus-send) is killed and reaped, so nothing outlives the call.
    """
    try:
        child = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=dict(env),
            start_new_session=True,
        )
    except OSError:
        return None
    try:
        out, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # Not reaped yet, so its PID (= its group's id) cannot have been reused.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            child.communicate(timeout=1.0)
        return None
    if child.returncode != 0:
        return None
    return out.decode(errors="replace")


class DoNotDisturbCheck:
    """Postpone check: "do not disturb" when any of ``sources`` says notifications are paused."""

    name = "do-not-disturb"

    def __init__(
        self,
        sources: Sequence[DndSource],
        *,
        environ: Mapping[str, str] | None = None,
        runner: Runner = run_command,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.sources = tuple(sources)
        self._environ = dict(os.environ if environ is None else environ)
        self._runner = runner
        self._timeout = timeout
        self._failure_logged: set[str] = set()

    def reason(self) -> str | None:
        """ "do not disturb" or None; never raises."""
        for source in self.sources:
            try:
                output = self._runner(source.argv, self._timeout, self._environ)
                on = output is not None and source.is_on(output)
            except Exception:
                if source.name not in self._failure_logged:
                    log.warning("do-not-disturb: asking %s failed (logged once)", source.name, exc_info=True)
                    self._failure_logged.add(source.name)
                output, on = None, False
            if output is None and source.name not in self._failure_logged:
                self._failure_logged.add(source.name)
                log.info(
                    "do-not-disturb: %s gave no answer within %.2f s (counted as off; logged once)",
                    " ".join(source.argv[:2]),
                    self._timeout,
                )
            if on:
                return REASON
        return None

    def close(self) -> None:
        return None


def create_do_not_disturb_check(
    environ: Mapping[str, str] = os.environ,
    *,
    which: Callable[[str, str | None], str | None] | None = None,
    runner: Runner = run_command,
    timeout: float = DEFAULT_TIMEOUT,
) -> DoNotDisturbCheck:
    """The check for this desktop; raises DoNotDisturbUnavailable when no source applies."""
    sources = choose_sources(environ, which)
    if not sources:
        raise DoNotDisturbUnavailable(
            f"no do-not-disturb tool for desktop {environ.get('XDG_CURRENT_DESKTOP', '')!r}"
        )
    return DoNotDisturbCheck(sources, environ=environ, runner=runner, timeout=timeout)
