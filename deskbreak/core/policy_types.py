"""The break policy's vocabulary: its phases, outcomes, settings, events and saved state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .work_hours import WorkHours


class Phase(StrEnum):
    SITTING = "sitting"
    DUE = "due"
    SNOOZED = "snoozed"
    ON_BREAK = "on_break"
    AWAY = "away"
    PAUSED = "paused"


class Outcome(StrEnum):
    """What became of a reminder or a break; stored in the log."""

    PENDING = "pending"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    STEPPED_AWAY = "stepped_away"
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class PolicySettings:
    sit_limit: timedelta
    snooze: timedelta
    natural_break: timedelta
    # A reminder left unanswered comes again every `snooze`, this many times in all; then it is
    # logged unanswered and the count starts again (a reminder that persists, politely).
    max_reminders: int = 3
    # When sitting counts: working days (date.weekday() numbers) and hours; None: always.
    work_days: frozenset[int] | None = None
    work_hours: WorkHours | None = None
    heads_up: bool = False  # a quiet notice a minute before the reminder


@dataclass(frozen=True)
class ReminderDue:
    at: datetime
    sitting_for: timedelta


@dataclass(frozen=True)
class ReminderRepeated:
    """The due reminder, still unanswered, comes again (the `times`-th time it is shown)."""

    at: datetime
    sitting_for: timedelta
    times: int


@dataclass(frozen=True)
class HeadsUp:
    """The reminder comes in a minute (only with the heads_up setting)."""

    at: datetime
    due_at: datetime


@dataclass(frozen=True)
class ReminderHeld:
    """A reminder fell due but waits: the user is in a call, a fullscreen window is up, or the
    desktop's do-not-disturb is on. Reported when the wait begins or its reason changes."""

    at: datetime
    reason: str


@dataclass(frozen=True)
class ReminderAnswered:
    """A pending reminder was resolved without the user pressing anything."""

    outcome: Outcome
    at: datetime


@dataclass(frozen=True)
class WentAway:
    since: datetime
    # Details for the log; two reports of going away are the same when `since` is.
    sat_since: datetime | None = field(default=None, compare=False)  # when the stretch began
    asleep: bool = field(default=False, compare=False)  # suspended, not left idle


@dataclass(frozen=True)
class CameBack:
    at: datetime


@dataclass(frozen=True)
class Resumed:
    """A pause ended (its time ran out, or the user resumed): the sitting count starts now."""

    at: datetime


PolicyEvent = (
    ReminderDue | ReminderRepeated | ReminderHeld | ReminderAnswered | WentAway | CameBack | Resumed | HeadsUp
)


@dataclass(frozen=True)
class SavedState:
    """What survives a restart of the app."""

    phase: Phase
    sitting_since: datetime | None
    due_at: datetime | None
    last_seen: datetime
    count_from: datetime | None = None
    paused_until: datetime | None = None  # a pause that survives a restart (UNTIL_RESUMED: no end)


@dataclass(frozen=True)
class Status:
    phase: Phase
    sitting_for: timedelta
    due_at: datetime | None
    reminded: int = 0  # while due: how many times the reminder has been shown
    paused_until: datetime | None = None  # while paused (UNTIL_RESUMED: until the user resumes)
    held: str | None = None  # a due reminder waiting, and why ("in a call", ...)
    off_hours: bool = False  # paused because it is outside working days or hours
