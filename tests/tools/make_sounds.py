"""Writes the break window's three short cues to resources/sounds/ (run once; the files are kept).

Soft sine chimes with a quick attack and a gentle fade: "ready" (one low note, a new exercise
or side is coming), "go" (a brighter note, the count starts), "done" (two rising notes).
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050


def _note(freq: float, seconds: float, volume: float = 0.35) -> list[float]:
    count = int(RATE * seconds)
    out = []
    for n in range(count):
        t = n / RATE
        attack = min(1.0, t / 0.012)
        fade = math.exp(-4.5 * t / seconds)
        tone = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
        out.append(volume * attack * fade * tone / 1.25)
    return out


def _write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(b"".join(struct.pack("<h", round(max(-1, min(1, s)) * 32767)) for s in samples))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "ready.wav", _note(523.25, 0.35))  # C5
    _write(folder / "go.wav", _note(783.99, 0.3))  # G5
    _write(folder / "done.wav", _note(659.25, 0.25) + _note(987.77, 0.5))  # E5, B5


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "resources" / "sounds")
