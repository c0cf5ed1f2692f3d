"""Start at login: the contract every OS module keeps, and the factory that picks one by OS.

One module per OS writes the one thing that makes the desktop start deskbreak at login: an XDG
autostart entry (autostart_linux.py), the per-user Run key (autostart_windows.py) or a
LaunchAgent (autostart_macos.py). Turning it off removes exactly that and nothing else; a file
or value of the same name that deskbreak did not write is left alone, and the error says so.

Threading: called from the GUI thread or the command line; each call touches one small file or
registry value and returns at once.
"""

from __future__ import annotations

import sys
from typing import Protocol

from .autostart_base import AutostartError, launch_command

__all__ = ["Autostart", "AutostartError", "create_autostart", "launch_command"]


class Autostart(Protocol):
    """Start at login for the current user, as this OS does it."""

    @property
    def location(self) -> str:
        """The file or registry value this OS module writes, for messages."""
        ...

    def enabled(self) -> bool:
        """True when deskbreak will start at the user's next login."""
        ...

    def switched_off_in(self) -> str | None:
        """Where the desktop's own startup settings switched deskbreak's entry off without
        removing it (say "Task Manager / Settings"), else None. enabled() is False then, and
        enable() switches it back on where the entry is deskbreak's own."""
        ...

    def enable(self) -> None:
        """Make deskbreak start at login (again, with today's command); AutostartError if not."""
        ...

    def disable(self) -> None:
        """Remove what enable() wrote; AutostartError when something else of that name is there."""
        ...


def create_autostart(platform: str = sys.platform) -> Autostart:
    """The start-at-login module for this OS (XDG autostart on Linux and the BSDs)."""
    if platform == "win32":
        from .autostart_windows import WindowsAutostart

        return WindowsAutostart()
    if platform == "darwin":
        from .autostart_macos import MacAutostart

        return MacAutostart()
    from .autostart_linux import XdgAutostart

    return XdgAutostart()
