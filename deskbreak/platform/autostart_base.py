"""What the start-at-login modules share: their error, the command that starts deskbreak, and
writing or removing one file whole."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

from ..atomic_write import replace_file

__all__ = ["AutostartError", "launch_command", "remove_file", "write_whole"]


class AutostartError(Exception):
    """Start at login could not be read or changed; the message names the file or key and why."""


def launch_command(
    windowed: bool = False,
    which: Callable[[str], str | None] = shutil.which,
    executable: str = sys.executable,
) -> list[str]:
    """The command that starts this install of deskbreak, absolute, as a login session runs it.

    The console script beside this interpreter (a venv's bin/, pipx, a system install), else the
    user scheme's (``pip install --user``), else one found on PATH, else ``python -m deskbreak``.
    ``windowed`` prefers the script without a console window (Windows: deskbreakw, pythonw).
    A login session's PATH may lack ~/.local/bin or a venv, so the path is always absolute.
    """
    names = ("deskbreakw", "deskbreak") if windowed else ("deskbreak",)
    suffix = ".exe" if os.name == "nt" else ""
    folders = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", f"{os.name}_user")]
    for name in names:
        for folder in folders:
            script = Path(folder) / (name + suffix)
            if script.is_file() and os.access(script, os.X_OK):
                return [str(script)]
        found = which(name)
        if found:
            return [str(Path(found).absolute())]
    python = Path(executable)
    if windowed and python.name.lower() == "python.exe" and python.with_name("pythonw.exe").is_file():
        python = python.with_name("pythonw.exe")
    return [str(python), "-m", "deskbreak"]


def write_whole(path: Path, data: bytes) -> None:
    """Replace `path` whole (a temporary file renamed over it), creating its folders."""
    try:
        replace_file(path, data, follow_symlinks=False)  # a link is replaced, not written through
    except OSError as exc:
        raise AutostartError(f"cannot write {path}: {exc.strerror or exc}") from exc


def remove_file(path: Path, stop: Path) -> None:
    """Delete `path` (gone already is fine), then its folders left empty, up to (not) `stop`."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise AutostartError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    folder = path.parent
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or not ours to remove: leave it
            return
        folder = folder.parent
