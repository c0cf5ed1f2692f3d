"""The idle-time contract every backend implements, shared by the prober (idle.py) and the backends.

Backends (idle_x11, idle_gnome, idle_screensaver, idle_windows, idle_macos) import only this
module (idle_screensaver also idle_gnome's DBusCallError), and idle.py imports them lazily, so
there is no import cycle between the factory and its backends.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = [
    "NULL_NOTICE",
    "NULL_NOTICE_TITLE",
    "SOURCE_NAMES",
    "IdleMonitor",
    "IdleMonitorUnavailable",
    "NullIdleMonitor",
]


@runtime_checkable
class IdleMonitor(Protocol):
    """Reports how long the user has not touched keyboard or mouse."""

    name: str
    """Short name of the idle source, one of SOURCE_NAMES."""

    def idle_seconds(self) -> float | None:
        """Seconds since the last user input; None when it cannot be known right now."""
        ...

    def close(self) -> None:
        """Release OS resources (display connections, handles); safe to call twice."""
        ...


SOURCE_NAMES = ("x11", "mutter", "screensaver", "wayland", "windows", "macos", "none")
"""Every monitor's ``name``, as reported in ``deskbreak status --json`` (``idle_source``).

``wayland`` is reserved for a future backend on the ext-idle-notify-v1 protocol; ``none`` is
NullIdleMonitor."""


class IdleMonitorUnavailable(RuntimeError):
    """Raised by a backend's constructor when it cannot work in this session."""


NULL_NOTICE_TITLE = "deskbreak cannot see when you step away"

NULL_NOTICE = (
    "deskbreak cannot see keyboard and mouse activity on this desktop, so it counts all the "
    "time since you sat down as sitting; a natural break is only seen when the computer sleeps."
)
"""What the app tells the user, once, when no idle source works (sitting becomes wall time).

The screen locking is not named: with no idle source a lock only labels the time away in the
history, it does not end a sitting stretch (core/lifecycle.session_locked)."""


class NullIdleMonitor:
    """Fallback when no backend works: idle time is always unknown, so the tracker assumes presence.

    Sitting then degrades to wall time since the user sat down. ``reason`` says why (for logs);
    ``notice_title``/``notice`` are the plain words for the user, and ``take_notice()`` hands the
    notice out once (``notice_pending`` is the flag: True until it has been taken).
    """

    name = "none"
    notice_title = NULL_NOTICE_TITLE
    notice = NULL_NOTICE

    def __init__(self, reason: str = "no idle-time source for this session") -> None:
        self.reason = reason
        self.notice_pending = True

    def take_notice(self) -> str | None:
        """The notice the first time, None after: the app says it once, not on every check."""
        if not self.notice_pending:
            return None
        self.notice_pending = False
        return self.notice

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        return None
