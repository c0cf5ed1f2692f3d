"""Plain rows for the routine chooser (no Qt loaded here), and the order they are listed in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import translate


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
        parts = [
            translate("RoutineRows", "{minutes} min").format(minutes=self.minutes),
            self.level.capitalize(),
            self.postures,
        ]
        return " · ".join(p for p in parts if p)

    def spoken(self) -> str:
        """Everything a screen reader should say about the row."""
        minutes = translate("RoutineRows", "{minutes} minutes").format(minutes=self.minutes)
        parts = [self.title, minutes, self.level, self.postures]
        parts += [translate("RoutineRows", "favourite")] * self.favourite
        parts += [translate("RoutineRows", "today's pick")] * self.today
        parts += [self.note, self.summary]
        return ", ".join(p for p in parts if p)


def ordered(rows: Iterable[RoutineRow]) -> list[RoutineRow]:
    """Favourites first; otherwise the order given."""
    return sorted(rows, key=lambda row: not row.favourite)
