"""Start at login on macOS: a LaunchAgent, ~/Library/LaunchAgents/org.deskbreak.deskbreak.plist.

launchd loads every plist in that folder at the user's next login and, with RunAtLoad, starts
ProgramArguments (the command that starts this install) once, in the graphical (Aqua) session
only. Nothing is loaded now with `launchctl`: turning it on takes effect at the next login, and
turning it off does not stop the copy running today. A plist there with another Label or other
keys than the ones written here is not ours and is left alone. A `launchctl disable` override
lives outside the plist and is not seen by enabled().
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .autostart_base import AutostartError, launch_command, remove_file, write_whole

__all__ = ["LABEL", "MacAutostart"]

LABEL = "org.deskbreak.deskbreak"
KEYS = {"Label", "ProgramArguments", "RunAtLoad", "ProcessType", "LimitLoadToSessionType"}


class MacAutostart:
    """The per-user LaunchAgent plist."""

    def __init__(self, home: Path | None = None, command: Sequence[str] | None = None) -> None:
        self.home = home or Path.home()
        self.path = self.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
        self.command = list(command) if command else None

    @property
    def location(self) -> str:
        return str(self.path)

    def _load(self) -> tuple[bool, dict[str, Any] | None]:
        """(exists, its dictionary when it is a plist of one, else None)."""
        try:
            with self.path.open("rb") as file:
                data = plistlib.load(file)
        except FileNotFoundError:
            return False, None
        except plistlib.InvalidFileException:
            return True, None
        except OSError as exc:
            raise AutostartError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        return True, data if isinstance(data, dict) else None

    @staticmethod
    def _ours(data: dict[str, Any] | None) -> bool:
        return data is not None and data.get("Label") == LABEL and set(data) == KEYS

    def enabled(self) -> bool:
        _exists, data = self._load()
        return data is not None and data.get("RunAtLoad") is True and data.get("Disabled") is not True

    def switched_off_in(self) -> str | None:
        _exists, data = self._load()
        if data is not None and data.get("RunAtLoad") is True and data.get("Disabled") is True:
            return "the LaunchAgent (its Disabled key)"
        return None

    def enable(self) -> None:
        exists, data = self._load()
        if exists and not self._ours(data):
            if self.enabled():
                return  # it starts at login already; somebody else's plist is not ours to rewrite
            raise AutostartError(f"{self.path} was not written by deskbreak, so it was not replaced")
        agent = {
            "Label": LABEL,
            "ProgramArguments": self.command or launch_command(),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
        write_whole(self.path, plistlib.dumps(agent))

    def disable(self) -> None:
        exists, data = self._load()
        if not exists:
            return
        if not self._ours(data):
            if not self.enabled():
                return  # somebody else's plist that does not start anything at login
            raise AutostartError(
                f"{self.path} was not written by deskbreak (or was edited since), so it was left as "
                "it is; delete it yourself if you no longer want it"
            )
        remove_file(self.path, stop=self.home)
