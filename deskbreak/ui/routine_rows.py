"""Plain rows for the routine chooser (no Qt here), and the order they are listed in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RoutineRow:
    id: str
    title: str
    summary: str
    minutes: int
    level: str  # "gentle", "moderate", ...
    postures: str  # "Seated, wall"
    favourite: bool = False
    today: bool = False  # the program's suggestion for today
    note: str = ""  # e.g. "adapted: 1 exercise left out"

    def details(self) -> str:
        """'5 min · Gentle · Seated, wall'"""
        parts = [f"{self.minutes} min", self.level.capitalize(), self.postures]
        return " · ".join(p for p in parts if p)

    def spoken(self) -> str:
        """Everything a screen reader should say about the row."""
        parts = [self.title, f"{self.minutes} minutes", self.level, self.postures]
        parts += ["favourite"] * self.favourite + ["today's pick"] * self.today
        parts += [self.note, self.summary]
        return ", ".join(p for p in parts if p)


def ordered(rows: Iterable[RoutineRow]) -> list[RoutineRow]:
    """Favourites first; otherwise the order given."""
    return sorted(rows, key=lambda row: not row.favourite)
