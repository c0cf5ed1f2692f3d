"""Care tags: which declared cautions (profile.Care) make an exercise be left out or done gently.

Written in an exercise file right after its cautions, for example
`care = { osteoporosis = "easier", recent-surgery = "skip" }`. parse_care is total: it returns
CareTags or raises RoutineError naming the file, the line and `care.<key>`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .problems import Problem, kind, line_of, quoted, shown
from .profile import Care
from .routines import RoutineError


class Adapt(StrEnum):
    """What a declared caution does to an exercise: leave it out, or do the easier version."""

    SKIP = "skip"
    EASIER = "easier"


CARES = tuple(c.value for c in Care)
ADAPTS = tuple(a.value for a in Adapt)


@dataclass(frozen=True)
class CareTags:
    """An exercise's care tags, in the order Care declares them (a tuple, so it can be hashed)."""

    tags: tuple[tuple[Care, Adapt], ...] = ()

    def get(self, care: Care) -> Adapt | None:
        return next((adapt for tagged, adapt in self.tags if tagged is care), None)

    def skip_for(self, cares: Collection[Care]) -> tuple[Care, ...]:
        """The declared cautions for which this exercise is left out."""
        return tuple(c for c, a in self.tags if a is Adapt.SKIP and c in cares)

    def easier_for(self, cares: Collection[Care]) -> tuple[Care, ...]:
        """The declared cautions for which this exercise is done in its easier version."""
        return tuple(c for c, a in self.tags if a is Adapt.EASIER and c in cares)


def _line(text: str, key: str | None) -> int | None:
    """The line of `care` (inline table), or of the key itself when written as a [care] table."""
    start = line_of(text, "care")
    if start is None or key is None:
        return start
    own = text.split("\n")[start - 1]
    if key in own:
        return start
    return line_of(text, key, start + 1, top_level=True) or start


def parse_care(value: Any, text: str, file: str) -> CareTags:
    """The care table of an exercise file (absent: no tags), or RoutineError pointing at it."""

    def error(message: str, key: str | None = None) -> RoutineError:
        field = f"care.{key}" if key is not None else "care"
        return RoutineError(Problem(file, message, field, _line(text, key)))

    if value is None:
        return CareTags()
    if not isinstance(value, dict):
        raise error(
            f'{shown(value)} is {kind(value)}; needs a table like {{ osteoporosis = "easier" }} '
            f"naming cautions ({', '.join(CARES)})"
        )
    found: dict[Care, Adapt] = {}
    for key, adapt in value.items():
        shown_key = key if key.isprintable() and len(key) <= 40 else quoted(key)
        if key not in CARES:
            raise error(f"unknown caution {quoted(key)} (allowed: {', '.join(CARES)})", shown_key)
        if not isinstance(adapt, str) or adapt not in ADAPTS:
            raise error(f"{shown(adapt)} is not allowed; one of {', '.join(ADAPTS)}", shown_key)
        found[Care(key)] = Adapt(adapt)
    return CareTags(tuple((c, found[c]) for c in Care if c in found))
