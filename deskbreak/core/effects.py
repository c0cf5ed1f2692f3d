"""What the break lifecycle asks the app to do: log, show, open, close. Plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .player import PlayerResult
from .policy import Outcome


@dataclass(frozen=True)
class LogReminder:
    reminder: int
    at: datetime
    sitting_for: timedelta


@dataclass(frozen=True)
class LogAnswer:
    """A reminder resolved without a break: snoozed, skipped, stepped away, unanswered."""

    reminder: int
    outcome: Outcome
    at: datetime


@dataclass(frozen=True)
class LogBreakStart:
    break_id: int
    at: datetime
    reminder: int | None  # the reminder this break answers
    sitting_for: timedelta


@dataclass(frozen=True)
class LogBreakEnd:
    break_id: int
    reminder: int | None
    at: datetime
    result: PlayerResult


@dataclass(frozen=True)
class LogSitting:
    """A sitting stretch ended: by a break, a natural break, the screen locking, a suspend, or quit."""

    start: datetime
    end: datetime
    ended_by: str  # "break", "natural_break", "lock", "suspend", "quit", "pause"


@dataclass(frozen=True)
class LogNaturalBreak:
    """Time away from the desk that counted as a break; `how`: "idle", "lock" or "suspend"."""

    start: datetime
    end: datetime
    how: str


@dataclass(frozen=True)
class LogPostponed:
    """A due reminder waited (a call, a fullscreen window, do-not-disturb) from `start` to `end`.

    Written when the wait begins (with `end` = `start`) and again when it ends, as one row."""

    start: datetime
    end: datetime
    reason: str  # one of WAIT_REASONS (core/wait_log.py)


@dataclass(frozen=True)
class ShowReminder:
    reminder: int
    sitting_for: timedelta


@dataclass(frozen=True)
class WithdrawReminder:
    pass


@dataclass(frozen=True)
class OpenWindow:
    token: int


@dataclass(frozen=True)
class RaiseWindow:
    token: int


@dataclass(frozen=True)
class CloseWindow:
    token: int


@dataclass(frozen=True)
class BreakCounted:
    """A break ended: tell the user when the next one is due (on the window's last page)."""

    token: int
    counted: bool
    next_due: datetime | None


@dataclass(frozen=True)
class NoRoutine:
    """A break was asked for but no routine could be loaded."""


@dataclass(frozen=True)
class ShowHeadsUp:
    """A quiet notice that a reminder comes in a minute (the heads_up setting)."""

    due_at: datetime


Effect = (
    LogReminder
    | LogAnswer
    | LogBreakStart
    | LogBreakEnd
    | LogSitting
    | LogNaturalBreak
    | LogPostponed
    | ShowReminder
    | ShowHeadsUp
    | WithdrawReminder
    | OpenWindow
    | RaiseWindow
    | CloseWindow
    | BreakCounted
    | NoRoutine
)
