"""What every way of playing the break window's sound cues offers, and silence."""

from __future__ import annotations

from typing import Protocol

NAMES = ("ready", "go", "done")  # the cues: resources/sounds/<name>.wav


class Sound(Protocol):
    route: str  # what plays the cues: "pw-play", "paplay", "aplay", "afplay", "winsound" or "none"

    def play(self, name: str) -> None: ...

    def close(self) -> None: ...


class NullSound:
    route = "none"

    def play(self, name: str) -> None:
        pass

    def close(self) -> None:
        pass
