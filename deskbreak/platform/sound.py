"""Short sound cues for the break window, played through the platform's own player.

Linux: PipeWire's pw-play, PulseAudio's paplay or ALSA's aplay, whichever is installed; macOS:
afplay; Windows: winsound (sound_windows.py). Nothing found, or sounds switched off: silence,
and the window works the same. A cue never blocks the GUI thread and never piles up: while one
is still playing, the next is dropped (cues are a fraction of a second long).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .sound_base import NAMES, NullSound, Sound

LINUX_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ()),
    ("paplay", ()),
    ("aplay", ("-q",)),
)
STUCK = 3.0  # seconds after which a cue still "playing" is a player that hangs
MAC_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (("afplay", ()),)


class CommandSound:
    """Plays a cue by running a command-line player on its WAV file."""

    def __init__(
        self,
        command: str,
        args: tuple[str, ...],
        folder: Path,
        spawn: Callable[..., Any] = subprocess.Popen,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.route = Path(command).name
        self.command, self.args, self.folder, self.spawn = command, args, folder, spawn
        self.running: Any = None
        self.started = 0.0
        self.clock = clock

    def play(self, name: str) -> None:
        if self.running is not None and self.running.poll() is None:
            if self.clock() - self.started < STUCK:
                return  # the last cue is still sounding
            self.close()  # a player that hangs (a suspended sound server) must not silence the rest
        file = self.folder / f"{name}.wav"
        if name not in NAMES or not file.is_file():
            return
        self.started = self.clock()
        try:
            self.running = self.spawn(
                [self.command, *self.args, str(file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=True,
            )
        except OSError:
            self.running = None  # the player went away: silence, not an error

    def close(self) -> None:
        if self.running is not None and self.running.poll() is None:
            with contextlib.suppress(OSError):
                self.running.kill()
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                self.running.wait(timeout=1)  # reaped: no zombie left behind
        self.running = None


def create_sound(
    folder: Path,
    enabled: bool,
    *,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    spawn: Callable[..., Any] = subprocess.Popen,
) -> Sound:
    """The first way of playing sounds that this system has, or silence."""
    if not enabled:
        return NullSound()
    if platform == "win32":
        from .sound_windows import WinSound, load_winsound

        module = load_winsound()
        return WinSound(module, folder) if module is not None else NullSound()
    for command, args in MAC_PLAYERS if platform == "darwin" else LINUX_PLAYERS:
        found = which(command)
        if found:
            return CommandSound(found, args, folder, spawn)
    return NullSound()
