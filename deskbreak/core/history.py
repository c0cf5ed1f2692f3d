"""One logged reminder or break, as the rest of the app sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .policy import Outcome


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
        """One line for people: what happened with this break."""
        labels = {
            Outcome.PENDING: "waiting for an answer",
            Outcome.COMPLETED: "completed",
            Outcome.ENDED_EARLY: "ended early",
            Outcome.SKIPPED: "skipped",
            Outcome.SNOOZED: "snoozed",
            Outcome.STEPPED_AWAY: "stepped away (counted as a break)",
            Outcome.UNANSWERED: "not answered",
        }
        text = labels[self.outcome]
        if self.outcome is Outcome.ENDED_EARLY and self.steps_total:
            text += f" after {self.steps_done or 0} of {self.steps_total} steps"
        elif self.outcome is Outcome.COMPLETED and self.steps_skipped:
            text += f" ({self.steps_skipped} step{'s' if self.steps_skipped > 1 else ''} skipped)"
        return text

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
