"""How a played routine ended, in the form the break log keeps (the coach, core/coach.py, plays it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class PlayerResult:
    """How a break ended, for the log."""

    completed: bool
    steps_done: int
    steps_total: int
    steps_skipped: int
    active: timedelta
    pain: bool = False  # "this hurts" was pressed
    hurt: tuple[str, ...] = ()  # the exercises it was pressed on
