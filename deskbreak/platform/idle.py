"""Idle time ("seconds since the last keyboard or mouse input"): the contract and the factory.

The core's sitting tracker asks for idle seconds on every heartbeat so that a user who walked
away is counted as having taken a natural break. One small backend module per platform
implements :class:`IdleMonitor`; :func:`create_idle_monitor` picks one and degrades to
:class:`NullIdleMonitor` ("unknown") instead of raising, so a missing library never stops the app.

Threading: every backend is called from the GUI thread, about twice a minute, and must answer
within a few milliseconds (at worst a bounded timeout well under a second).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping

from deskbreak.platform.idle_base import IdleMonitor, IdleMonitorUnavailable, NullIdleMonitor

__all__ = [
    "BackendFactory",
    "IdleMonitor",
    "IdleMonitorUnavailable",
    "NullIdleMonitor",
    "choose_backend",
    "create_idle_monitor",
]

log = logging.getLogger(__name__)


BackendFactory = Callable[[Mapping[str, str]], IdleMonitor]
"""Builds a backend for the given environment; raises (anything) when it cannot work."""


def _x11(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_x11 import X11IdleMonitor

    return X11IdleMonitor(environ.get("DISPLAY"))


def _gnome(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_gnome import GnomeIdleMonitor

    return GnomeIdleMonitor()


def _windows(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_windows import WindowsIdleMonitor

    return WindowsIdleMonitor()


def _macos(environ: Mapping[str, str]) -> IdleMonitor:
    from deskbreak.platform.idle_macos import MacIdleMonitor

    return MacIdleMonitor()


DEFAULT_BACKENDS: Mapping[str, BackendFactory] = {
    "x11": _x11,
    "gnome": _gnome,
    "windows": _windows,
    "macos": _macos,
}


def _is_wayland(environ: Mapping[str, str]) -> bool:
    session_type = environ.get("XDG_SESSION_TYPE", "").strip().lower()
    if session_type:
        return session_type == "wayland"
    return bool(environ.get("WAYLAND_DISPLAY"))


def _is_gnome(environ: Mapping[str, str]) -> bool:
    # e.g. "GNOME", "ubuntu:GNOME", "GNOME-Classic:GNOME", "pop:GNOME"
    return "gnome" in environ.get("XDG_CURRENT_DESKTOP", "").lower()


def choose_backend(platform: str, environ: Mapping[str, str]) -> str | None:
    """Name the backend for this platform and session, or None when none applies.

    On Wayland the X11 backend is never chosen: XWayland's screensaver counter only sees input
    sent to X clients, so it would report a working user as idle (a false natural break).
    """
    if platform == "win32":
        return "windows"
    if platform == "darwin":
        return "macos"
    if _is_wayland(environ):
        return "gnome" if _is_gnome(environ) else None
    if environ.get("DISPLAY"):
        return "x11"
    return None


def create_idle_monitor(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    backends: Mapping[str, BackendFactory] | None = None,
) -> IdleMonitor:
    """Return the idle monitor for this session, or a NullIdleMonitor (with a warning); never raises.

    A backend counts as working only if it is built and answers one query with a number.
    ``backends`` replaces the real constructors (by name: x11, gnome, windows, macos) in tests.
    """
    table = DEFAULT_BACKENDS if backends is None else backends
    name = choose_backend(platform, environ)
    if name is None:
        log.warning(
            "No idle-time backend for platform %r (XDG_SESSION_TYPE=%r, XDG_CURRENT_DESKTOP=%r); "
            "natural breaks will not be detected",
            platform,
            environ.get("XDG_SESSION_TYPE"),
            environ.get("XDG_CURRENT_DESKTOP"),
        )
        return NullIdleMonitor()
    try:
        monitor = table[name](environ)
    except Exception as exc:  # any failure means "unavailable", never a crash
        log.warning("Idle-time backend %r unavailable: %s; natural breaks will not be detected", name, exc)
        return NullIdleMonitor()
    try:
        probe = monitor.idle_seconds()
    except Exception as exc:
        probe = None
        log.debug("Idle-time backend %r probe raised %r", name, exc)
    if probe is None:
        log.warning("Idle-time backend %r gave no reading; natural breaks will not be detected", name)
        try:
            monitor.close()
        except Exception:
            log.debug("closing the failed %r idle backend raised", name, exc_info=True)
        return NullIdleMonitor()
    log.info("Idle-time backend: %s", monitor.name)
    return monitor
