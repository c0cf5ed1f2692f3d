"""A dose as people are coached: repetitions with a tempo, or a hold; per side; in sets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Dose:
    reps: int | None = None
    tempo: tuple[int, ...] = ()  # move, hold, return (seconds)
    hold: timedelta | None = None
    per_side: bool = False
    sets: int = 1

    @property
    def per_side_time(self) -> timedelta:
        """One side's (or the only) time, all sets."""
        if self.hold is not None:
            return self.hold * self.sets
        return timedelta(seconds=(self.reps or 0) * sum(self.tempo) * self.sets)

    @property
    def total(self) -> timedelta:
        return self.per_side_time * (2 if self.per_side else 1)

    def describe(self) -> str:
        """How it is coached, e.g. "6 slow reps: move for 2, hold 3, back for 2 · each side"."""
        sets = f"{self.sets} sets of " if self.sets > 1 else ""
        side = " · each side" if self.per_side else ""
        if self.hold is not None:
            return f"{sets}hold for {int(self.hold.total_seconds())} seconds{side}"
        words = ("move for", "hold", "back for")
        tempo = ", ".join(f"{w} {t}" for w, t in zip(words, self.tempo, strict=False) if t)
        return f"{sets}{self.reps} reps: {tempo}{side}"
