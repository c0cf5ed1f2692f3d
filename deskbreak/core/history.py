"""One logged reminder or break, as the rest of the app sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .i18n import QT_TRANSLATE_NOOP, Context
from .policy import Outcome


class History(Context):
    """The translation context of the break history's words."""


OUTCOME_WORDS = {
    Outcome.PENDING: QT_TRANSLATE_NOOP("History", "waiting for an answer"),
    Outcome.COMPLETED: QT_TRANSLATE_NOOP("History", "completed"),
    Outcome.ENDED_EARLY: QT_TRANSLATE_NOOP("History", "ended early"),
    Outcome.SKIPPED: QT_TRANSLATE_NOOP("History", "skipped"),
    Outcome.SNOOZED: QT_TRANSLATE_NOOP("History", "snoozed"),
    Outcome.STEPPED_AWAY: QT_TRANSLATE_NOOP("History", "stepped away (counted as a break)"),
    Outcome.UNANSWERED: QT_TRANSLATE_NOOP("History", "not answered"),
}


@dataclass(frozen=True)
class BreakRecord:
    id: int
    at: datetime  # when the reminder came, or when a self-started break began
    reminded: bool
    outcome: Outcome
    sitting_for: timedelta | None
    started_at: datetime | None
    ended_at: datetime | None
    routine_id: str | None
    steps_done: int | None
    steps_total: int | None
    steps_skipped: int | None
    active: timedelta | None

    def describe(self) -> str:
        """One line for people: what happened with this break (in the user's language in the
        app's history window: core/i18n.py)."""
        if self.outcome is Outcome.ENDED_EARLY and self.steps_total:
            text = History.tr("ended early after {done} of %n step(s)", "", self.steps_total)
            return text.format(done=self.steps_done or 0)
        if self.outcome is Outcome.COMPLETED and self.steps_skipped:
            return History.tr("completed (%n step(s) skipped)", "", self.steps_skipped)
        return History.tr(OUTCOME_WORDS[self.outcome])

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        def secs(value: timedelta | None) -> float | None:
            return round(value.total_seconds(), 1) if value is not None else None

        return {
            "id": self.id,
            "at": iso(self.at),
            "reminded": self.reminded,
            "outcome": self.outcome.value,
            "sitting_seconds": secs(self.sitting_for),
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "routine": self.routine_id,
            "steps_done": self.steps_done,
            "steps_total": self.steps_total,
            "steps_skipped": self.steps_skipped,
            "active_seconds": secs(self.active),
        }
