"""Carries the lifecycle's log effects into the history database, and reports when it cannot."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from ..core.effects import (
    Effect,
    LogAnswer,
    LogBreakEnd,
    LogBreakStart,
    LogNaturalBreak,
    LogPostponed,
    LogReminder,
    LogSitting,
)
from ..core.policy import SavedState
from ..core.problems import Problem
from ..storage.break_log import BreakLog
from ..storage.database import StorageError

log = logging.getLogger(__name__)
T = TypeVar("T")


class HistoryWriter:
    """Maps the lifecycle's reminder and break numbers to rows; a failing write never stops the app."""

    def __init__(
        self, break_log: BreakLog, problems: list[Problem], tell: Callable[[str, str], None]
    ) -> None:
        self.log = break_log
        self.problems = problems  # shared with the controller: the tray's Problems entry
        self._tell = tell  # (title, text) -> a tray or notification message
        break_log.on_report = self._log_reported
        self._rows: dict[int, int] = {}  # lifecycle number -> row id
        self.routine_id = ""
        self._last_saved: SavedState | None = None
        self.last_break: int | None = None  # the row of the break that ended last

    def break_feedback(self, feedback: str) -> None:
        """How the break that just ended felt (its window's last page is the only place to say)."""
        row = self.last_break
        if row is not None:
            self.store(lambda: self.log.break_feedback(row, feedback=feedback))

    def _log_reported(self, text: str) -> None:
        """The history log's health changed (a problem began, changed, or went away)."""
        log.warning("%s", text)
        self.sync_problem()
        self._tell("deskbreak: your break history", text)

    def sync_problem(self) -> None:
        """The log's current problem, if any, is the one listed for its file."""
        file = str(self.log.path or "history database")
        self.problems[:] = [p for p in self.problems if p.file != file]
        if self.log.problem_reason is not None:
            self.problems.append(Problem(file, self.log.problem_reason))

    def _report(self, problem: Problem) -> None:
        if all(p.message != problem.message for p in self.problems):
            self.problems.append(problem)
            self._tell("deskbreak could not save your history", problem.message)

    def store(self, write: Callable[[], T]) -> T | None:
        try:
            return write()
        except StorageError as exc:
            log.error("%s", exc)
            self._report(Problem("history database", f"{exc}; this break may not be in your history"))
            return None

    def apply(self, effect: Effect) -> None:
        """Write one effect; effects that are not about the log are ignored."""
        if isinstance(effect, LogReminder):
            row = self.store(lambda: self.log.reminder_shown(effect.at, effect.sitting_for))
            if row is not None:
                self._rows[effect.reminder] = row
        elif isinstance(effect, LogAnswer):
            answered = self._rows.pop(effect.reminder, None)
            if answered is not None:
                self.store(lambda: self.log.answer(answered, effect.outcome, effect.at))
        elif isinstance(effect, LogBreakStart):
            reminder_row = self._rows.pop(effect.reminder, None) if effect.reminder is not None else None
            routine_id = self.routine_id
            row = self.store(
                lambda: self.log.break_started(
                    effect.at, routine_id, reminder_id=reminder_row, sitting_for=effect.sitting_for
                )
            )
            if row is not None:
                self._rows[effect.break_id] = row
        elif isinstance(effect, LogBreakEnd):
            row_id = self._rows.pop(effect.break_id, None)
            if row_id is not None:
                self.store(lambda: self.log.break_finished(row_id, effect.at, effect.result))
                self.last_break = row_id
        elif isinstance(effect, LogSitting):
            self.store(lambda: self.log.events.sitting(effect.start, effect.end, effect.ended_by))
        elif isinstance(effect, LogNaturalBreak):
            self.store(lambda: self.log.events.natural_break(effect.start, effect.end, effect.how))
        elif isinstance(effect, LogPostponed):
            self.store(lambda: self.log.events.postponed(effect.start, effect.end, effect.reason))

    def save_state(self, saved: SavedState, every: timedelta, force: bool = False) -> None:
        """Save the policy's state (its last_seen is the heartbeat) when it changed, else `every`."""
        last = self._last_saved
        due = (
            force
            or last is None
            or (last.phase, last.sitting_since, last.due_at, last.count_from)
            != (saved.phase, saved.sitting_since, saved.due_at, saved.count_from)
            or not timedelta() <= saved.last_seen - last.last_seen < every
        )
        if due:
            self.store(lambda: self.log.save_state(saved))
            self._last_saved = saved
