"""Idle time ("seconds since the last keyboard or mouse input"): the contract and the factory.

The core's sitting tracker asks for idle seconds on every heartbeat so that a user who walked
away is counted as having taken a natural break. One small backend module per idle source
implements :class:`IdleMonitor`; :func:`create_idle_monitor` tries the sources that fit the
session in order and degrades to :class:`NullIdleMonitor` ("unknown", sitting counted as wall
time) instead of raising, so a missing library or service never stops the app.

Sources, by the ``name`` each monitor reports (``deskbreak status --json`` shows it as
``idle_source``): ``x11`` (MIT-SCREEN-SAVER), ``mutter`` (GNOME's IdleMonitor on D-Bus),
``screensaver`` (org.freedesktop.ScreenSaver: KDE Plasma, other freedesktop sessions),
``wayland`` (the compositor's ext-idle-notify-v1 or org_kde_kwin_idle: sway and other wlroots
desktops; needs the optional pywayland), ``windows``, ``macos``, and ``none`` (NullIdleMonitor).

Threading: every backend is called from the GUI thread, about twice a minute, and must answer
within a few milliseconds (at worst a bounded timeout well under a second).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping

from deskbreak.platform.asking import is_wayland
from deskbreak.platform.idle_base import (
    NULL_NOTICE,
    NULL_NOTICE_TITLE,
    SOURCE_NAMES,
    IdleMonitor,
    IdleMonitorUnavailable,
    NullIdleMonitor,
)

__all__ = [
    "NULL_NOTICE",
    "NULL_NOTICE_TITLE",
    "SOURCE_NAMES",
    "BackendFactory",
    "IdleMonitor",
    "IdleMonitorUnavailable",
    "NullIdleMonitor",
    "choose_backend",
    "choose_backends",
    "create_idle_monitor",
    "idle_notice",
]

log = logging.getLogger(__name__)


BackendFactory = Callable[[Mapping[str, str]], IdleMonitor]
"""Builds a backend for the given environment; raises (anything) when it cannot work."""


def _x11(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_x11 import X11IdleMonitor

    return X11IdleMonitor(environ.get("DISPLAY"))


def _mutter(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_gnome import GnomeIdleMonitor

    return GnomeIdleMonitor(bus_address=environ.get("DBUS_SESSION_BUS_ADDRESS") or None)


def _screensaver(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_screensaver import ScreenSaverIdleMonitor, counts_milliseconds

    return ScreenSaverIdleMonitor(
        bus_address=environ.get("DBUS_SESSION_BUS_ADDRESS") or None,
        milliseconds=counts_milliseconds(environ),
    )


def _wayland(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_wayland import WaylandIdleMonitor

    return WaylandIdleMonitor(environ.get("WAYLAND_DISPLAY"), runtime_dir=environ.get("XDG_RUNTIME_DIR"))


def _windows(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_windows import WindowsIdleMonitor

    return WindowsIdleMonitor()


def _macos(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_macos import MacIdleMonitor

    return MacIdleMonitor()


DEFAULT_BACKENDS: Mapping[str, BackendFactory] = {
    "x11": _x11,
    "mutter": _mutter,
    "screensaver": _screensaver,
    "wayland": _wayland,
    "windows": _windows,
    "macos": _macos,
}


def _is_gnome(environ: Mapping[str, str]) -> bool:
    # e.g. "GNOME", "ubuntu:GNOME", "GNOME-Classic:GNOME", "pop:GNOME"
    return "gnome" in environ.get("XDG_CURRENT_DESKTOP", "").lower()


def _is_kde(environ: Mapping[str, str]) -> bool:
    return "kde" in environ.get("XDG_CURRENT_DESKTOP", "").lower().split(":")


def choose_backends(platform: str, environ: Mapping[str, str]) -> list[str]:
    """The idle sources to try for this platform and session, best first (may be empty).

    X11 sessions try the X server first, then the desktop's D-Bus source: Mutter's monitor on
    GNOME (its org.freedesktop.ScreenSaver has no idle time), org.freedesktop.ScreenSaver
    everywhere (KDE Plasma and others). Wayland sessions: GNOME as on X11 (Mutter offers no
    Wayland idle protocol); KDE Plasma its ScreenSaver service first (it also tells a locked
    screen), then the compositor's idle protocol; any other compositor (sway and the wlroots
    family, which have no ScreenSaver service) its idle protocol first. On Wayland the X11
    backend is never chosen: XWayland's screensaver counter only sees input sent to X clients,
    so it would report a working user as idle (a false natural break).
    """
    if platform == "win32":
        return ["windows"]
    if platform == "darwin":
        return ["macos"]
    desktop = ["mutter", "screensaver"] if _is_gnome(environ) else ["screensaver"]
    if is_wayland(environ):
        if _is_gnome(environ):
            return desktop
        return ["screensaver", "wayland"] if _is_kde(environ) else ["wayland", "screensaver"]
    if environ.get("DISPLAY"):
        return ["x11", *desktop]
    return []


def choose_backend(platform: str, environ: Mapping[str, str]) -> str | None:
    """The first source :func:`choose_backends` would try, or None when none applies."""
    names = choose_backends(platform, environ)
    return names[0] if names else None


def idle_notice(monitor: IdleMonitor) -> str | None:
    """The once-only notice for the user when idle time is unknown (NullIdleMonitor), else None."""
    if isinstance(monitor, NullIdleMonitor):
        return monitor.take_notice()
    return None


def _try(name: str, build: BackendFactory, environ: Mapping[str, str]) -> IdleMonitor | str:
    """The working monitor, or why it does not work."""
    try:
        monitor = build(environ)
    except Exception as exc:  # any failure means "unavailable", never a crash
        return f"unavailable: {exc}"
    try:
        probe = monitor.idle_seconds()
    except Exception as exc:
        probe = None
        log.debug("Idle-time source %r probe raised %r", name, exc)
    if probe is not None:
        return monitor
    try:
        monitor.close()
    except Exception:
        log.debug("closing the failed %r idle source raised", name, exc_info=True)
    return "gave no reading"


def create_idle_monitor(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    backends: Mapping[str, BackendFactory] | None = None,
) -> IdleMonitor:
    """Return the first idle source that works here, else a NullIdleMonitor (with a warning).

    Never raises. A source counts as working only if it is built and answers one query with a
    number; the ones tried are those :func:`choose_backends` names, in its order. ``backends``
    replaces the real constructors by name (x11, mutter, screensaver, wayland, windows, macos) in
    tests; a name missing from it is skipped.
    """
    table = DEFAULT_BACKENDS if backends is None else backends
    names = choose_backends(platform, environ)
    if not names:
        reason = (
            f"no idle-time source for platform {platform!r} "
            f"(XDG_SESSION_TYPE={environ.get('XDG_SESSION_TYPE')!r}, "
            f"XDG_CURRENT_DESKTOP={environ.get('XDG_CURRENT_DESKTOP')!r})"
        )
        log.warning("No idle-time backend: %s; natural breaks will not be detected", reason)
        return NullIdleMonitor(reason)
    failures: list[str] = []
    for name in names:
        build = table.get(name)
        if build is None:
            failures.append(f"{name}: not built in")
            continue
        result = _try(name, build, environ)
        if not isinstance(result, str):
            log.info("Idle-time source: %s", result.name)
            return result
        log.info("Idle-time source %r %s", name, result)
        failures.append(f"{name!r} {result}")
    reason = "; ".join(failures)
    log.warning("No idle-time source works (%s); natural breaks will not be detected", reason)
    return NullIdleMonitor(reason)
