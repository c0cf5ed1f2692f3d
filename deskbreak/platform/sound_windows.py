"""Sound cues on Windows through the standard library's winsound, asynchronously."""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from types import ModuleType

from .sound_base import NAMES


def load_winsound() -> ModuleType | None:
    try:
        return importlib.import_module("winsound")
    except ImportError:
        return None


class WinSound:
    route = "winsound"

    def __init__(self, winsound: ModuleType, folder: Path) -> None:
        self.winsound, self.folder = winsound, folder

    def play(self, name: str) -> None:
        file = self.folder / f"{name}.wav"
        if name not in NAMES or not file.is_file():
            return
        flags = self.winsound.SND_FILENAME | self.winsound.SND_ASYNC | self.winsound.SND_NODEFAULT
        with contextlib.suppress(RuntimeError):  # no sound device: silence
            self.winsound.PlaySound(str(file), flags)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.winsound.PlaySound(None, self.winsound.SND_PURGE)
