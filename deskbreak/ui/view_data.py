"""Plain data the widgets show (no Qt here, so building it costs nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TrayLook(StrEnum):
    """The tray icon's picture; which one follows from the break phase (app/views.py)."""

    SITTING = "sitting"  # the ring fills toward the sit limit (also snoozed, and empty while away)
    DUE = "due"  # a break is due, or due and waiting for a call or fullscreen window to end
    OVERDUE = "overdue"  # reminded again and still unanswered
    ON_BREAK = "on_break"
    PAUSED = "paused"
    OFF_HOURS = "off_hours"  # outside working days or hours


@dataclass(frozen=True)
class TrayView:
    tooltip: str
    headline: str
    due: bool
    problems: int
    on_break: bool = False
    paused: bool = False
    overdue: bool = False  # reminded again and still unanswered
    waiting: bool = False  # due, but waiting for a call, fullscreen or do-not-disturb to end
    look: TrayLook = TrayLook.SITTING
    progress: float = 0.0  # toward the next break: 0 just sat down, 1 the sit limit reached


@dataclass(frozen=True)
class HistoryRow:
    when: str
    kind: str
    outcome: str
    routine: str
    sat_for: str
