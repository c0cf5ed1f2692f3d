"""The idle-time contract every backend implements, shared by the prober (idle.py) and the backends.

Backends (idle_x11, idle_gnome, idle_windows, idle_macos) import only this module, and idle.py
imports them lazily, so there is no import cycle between the factory and its backends.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["IdleMonitor", "IdleMonitorUnavailable", "NullIdleMonitor"]


@runtime_checkable
class IdleMonitor(Protocol):
    """Reports how long the user has not touched keyboard or mouse."""

    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last user input; None when it cannot be known right now."""
        ...

    def close(self) -> None:
        """Release OS resources (display connections, handles); safe to call twice."""
        ...


class IdleMonitorUnavailable(RuntimeError):
    """Raised by a backend's constructor when it cannot work in this session."""


class NullIdleMonitor:
    """Fallback when no backend works: idle time is always unknown, so the tracker assumes presence."""

    name = "none"

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        return None
