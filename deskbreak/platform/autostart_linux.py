"""Start at login on Linux (and other XDG desktops): $XDG_CONFIG_HOME/autostart/deskbreak.desktop.

The entry is the bundled resources/deskbreak.desktop with Exec set to the command that really
starts this install (autostart.launch_command) and two keys of our own: a marker
(X-Deskbreak-Autostart=true) and a checksum of what we wrote. A file there without both, or
edited since, is not ours: disable() leaves it and says so, enable() does not overwrite it.
Hidden= and X-GNOME-Autostart-enabled= are left out of the checksum, as session managers flip
them to switch an entry off. DesktopEntryFile is shared with `deskbreak install-desktop-entry`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path

from deskbreak.bundled import resources_dir

from .autostart_base import AutostartError, launch_command, remove_file, write_whole

__all__ = ["DesktopEntryFile", "EntryState", "XdgAutostart", "exec_value", "xdg_home"]

CHECKSUM_KEY = "X-Deskbreak-Checksum"
UNCHECKED_KEYS = ("Hidden", "X-GNOME-Autostart-enabled", CHECKSUM_KEY)  # toggles, and the sum itself
# Characters that make the Desktop Entry spec require an Exec argument in double quotes.
_RESERVED = frozenset(" \t\"'\\><~|&;$*?#()`")


class EntryState(Enum):
    MISSING = "missing"
    OURS = "ours"  # written by deskbreak and not edited since
    FOREIGN = "foreign"  # another program's, or ours edited by hand


def xdg_home(variable: str, default: str) -> Path:
    """$XDG_CONFIG_HOME / $XDG_DATA_HOME when set to an absolute path (the spec ignores others)."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def exec_value(argv: Sequence[str]) -> str:
    """argv as a .desktop Exec value: quoted where the spec asks, % doubled, backslashes escaped."""
    parts = []
    for arg in argv:
        if "\n" in arg or "\r" in arg:
            raise AutostartError(f"cannot write a command with a line break into a .desktop file: {arg!r}")
        if not arg or _RESERVED.intersection(arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        parts.append(arg.replace("%", "%%"))
    return " ".join(parts).replace("\\", "\\\\")


def _entry_keys(text: str) -> dict[str, str]:
    """The keys of the [Desktop Entry] group (other groups and comments skipped)."""
    keys: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys.setdefault(key.strip(), value.strip())
    return keys


def _checksum(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    kept = [line for line in lines if line and line.split("=", 1)[0].strip() not in UNCHECKED_KEYS]
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()[:16]


class DesktopEntryFile:
    """One .desktop file deskbreak writes and may later remove, recognised by `marker`=true."""

    def __init__(self, path: Path, marker: str) -> None:
        self.path, self.marker = path, marker

    def render(self, command: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
        """The bundled launcher with Exec/TryExec set to `command`, then `extra` and our keys."""
        template = (resources_dir() / "deskbreak.desktop").read_text(encoding="utf-8")
        exec_line = exec_value(command)  # also refuses a line break in the program's path
        ours = {"Exec": exec_line, "TryExec": command[0].replace("\\", "\\\\"), **(extra or {})}
        lines = []
        for line in template.splitlines():  # ours replace the template's keys where they stand
            key = line.split("=", 1)[0].strip()
            lines.append(f"{key}={ours.pop(key)}" if key in ours else line)
        lines += [f"{key}={value}" for key, value in ours.items()] + [f"{self.marker}=true"]
        text = "\n".join(lines) + "\n"
        return f"{text}{CHECKSUM_KEY}={_checksum(text)}\n"

    def read(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise AutostartError(f"cannot read {self.path}: {getattr(exc, 'strerror', None) or exc}") from exc

    def state(self, text: str | None = None) -> EntryState:
        text = self.read() if text is None else text
        if text is None:
            return EntryState.MISSING
        keys = _entry_keys(text)
        ours = keys.get(self.marker) == "true" and keys.get(CHECKSUM_KEY) == _checksum(text)
        return EntryState.OURS if ours else EntryState.FOREIGN

    def write(self, text: str) -> None:
        write_whole(self.path, text.encode("utf-8"))

    def remove(self, stop: Path) -> None:
        """Delete the file if ours (and folders it leaves empty, below `stop`); else say why not."""
        state = self.state()
        if state is EntryState.FOREIGN:
            raise AutostartError(
                f"{self.path} was not written by deskbreak or has been edited since, so it was left "
                "as it is; delete it yourself if you no longer want it"
            )
        if state is EntryState.OURS:
            remove_file(self.path, stop)


class XdgAutostart:
    """deskbreak.desktop in the user's XDG autostart folder."""

    MARKER = "X-Deskbreak-Autostart"

    def __init__(self, config_home: Path | None = None, command: Sequence[str] | None = None) -> None:
        self.config_home = config_home or xdg_home("XDG_CONFIG_HOME", ".config")
        self.entry = DesktopEntryFile(self.config_home / "autostart" / "deskbreak.desktop", self.MARKER)
        self.command = list(command) if command else None

    @property
    def location(self) -> str:
        return str(self.entry.path)

    def enabled(self) -> bool:
        text = self.entry.read()
        if text is None:
            return False
        keys = _entry_keys(text)
        return keys.get("Hidden") != "true" and keys.get("X-GNOME-Autostart-enabled") != "false"

    def switched_off_in(self) -> str | None:
        text = self.entry.read()
        if text is None or self.enabled():
            return None
        return "your desktop's startup settings (Hidden or X-GNOME-Autostart-enabled)"

    def enable(self) -> None:
        text = self.entry.read()
        if text is not None and self.entry.state(text) is EntryState.FOREIGN:
            if self.enabled():
                return  # it starts at login already; somebody else's file is not ours to rewrite
            raise AutostartError(
                f"{self.entry.path} is switched off and was not written by deskbreak (or was "
                "edited since), so it was not replaced; delete it and turn start at login on again"
            )
        command = self.command or launch_command()
        self.entry.write(self.entry.render(command, {"X-GNOME-Autostart-enabled": "true"}))

    def disable(self) -> None:
        if self.entry.state() is EntryState.FOREIGN and not self.enabled():
            return  # someone else's entry that is off already: nothing to do
        self.entry.remove(stop=self.config_home)
