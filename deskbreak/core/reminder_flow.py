"""What the policy's events do to the reminder in flight and to the history's sitting log.

The lifecycle owns one of these: the reminder waiting for an answer (policy phase DUE), by the
lifecycle's number, shown, shown again, answered or given up; and the stretches and time away
that going and coming back make (stretch_log.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .effects import Effect, LogAnswer, LogReminder, ShowHeadsUp, ShowReminder, WithdrawReminder
from .policy import (
    CameBack,
    HeadsUp,
    Outcome,
    PolicyEvent,
    ReminderAnswered,
    ReminderDue,
    ReminderRepeated,
    WentAway,
)
from .stretch_log import StretchLog


class ReminderFlow:
    def __init__(self, numbers: Callable[[], int], stretches: StretchLog) -> None:
        self.current: int | None = None  # the reminder waiting for an answer
        self._numbers = numbers
        self.stretches = stretches

    def on_event(self, event: PolicyEvent, now: datetime) -> list[Effect]:
        if isinstance(event, ReminderDue):
            effects = self.answer(Outcome.UNANSWERED, now)  # never two in flight
            self.current = self._numbers()
            return [
                *effects,
                LogReminder(self.current, event.at, event.sitting_for),
                ShowReminder(self.current, event.sitting_for),
            ]
        if isinstance(event, HeadsUp):
            return [ShowHeadsUp(event.due_at)]
        if isinstance(event, ReminderRepeated) and self.current is not None:
            return [ShowReminder(self.current, event.sitting_for)]  # replaces the last
        if isinstance(event, ReminderAnswered):
            effects = self.answer(event.outcome, event.at)
            return [*effects, WithdrawReminder()] if event.outcome is Outcome.UNANSWERED else effects
        if isinstance(event, WentAway):
            return self.stretches.went_away(event)
        if isinstance(event, CameBack):
            return self.stretches.came_back(event)
        return []

    def answer(self, outcome: Outcome, at: datetime) -> list[Effect]:
        """The reminder in flight, if any, gets its outcome and is no longer in flight."""
        reminder, self.current = self.current, None
        return [LogAnswer(reminder, outcome, at)] if reminder is not None else []
