"""The log of reminders and breaks: one row per reminder or self-started break."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ..core.policy import Outcome, Phase, SavedState
from .database import StorageError

if TYPE_CHECKING:
    from ..core.history import BreakRecord
    from ..core.player import PlayerResult

P = ParamSpec("P")
R = TypeVar("R")

_COLUMNS = (
    "id, at, reminded, outcome, sitting_seconds, started_at, ended_at, routine_id,"
    " steps_done, steps_total, steps_skipped, active_seconds"
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _td(value: float | None) -> timedelta | None:
    return timedelta(seconds=value) if value is not None else None


def _storage_errors(method: Callable[P, R]) -> Callable[P, R]:
    """sqlite3 errors (locked, disk full, I/O) leave as StorageError, which callers handle."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StorageError(f"the history database could not be written or read ({exc})") from exc

    return wrapper


class BreakLog:
    """Writes each change in its own short transaction, so a killed process loses at most it.

    Every public method raises StorageError, never a raw sqlite3 error.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _insert(self, **values: object) -> int:
        keys = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.conn.execute(f"INSERT INTO breaks ({keys}) VALUES ({marks})", tuple(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @_storage_errors
    def reminder_shown(self, at: datetime, sitting_for: timedelta) -> int:
        return self._insert(
            at=_iso(at),
            reminded=1,
            outcome=Outcome.PENDING.value,
            sitting_seconds=round(sitting_for.total_seconds(), 1),
        )

    @_storage_errors
    def answer(self, reminder_id: int, outcome: Outcome, at: datetime) -> None:
        """Resolve a reminder without a break: snoozed, skipped, stepped away, unanswered."""
        self.conn.execute(
            "UPDATE breaks SET outcome = ?, answered_at = ? WHERE id = ?",
            (outcome.value, _iso(at), reminder_id),
        )

    @_storage_errors
    def break_started(
        self,
        at: datetime,
        routine_id: str,
        *,
        reminder_id: int | None,
        sitting_for: timedelta,
    ) -> int:
        if reminder_id is not None:
            self.conn.execute(
                "UPDATE breaks SET started_at = ?, routine_id = ?, answered_at = ? WHERE id = ?",
                (_iso(at), routine_id, _iso(at), reminder_id),
            )
            return reminder_id
        return self._insert(
            at=_iso(at),
            reminded=0,
            outcome=Outcome.PENDING.value,
            sitting_seconds=round(sitting_for.total_seconds(), 1),
            started_at=_iso(at),
            routine_id=routine_id,
        )

    @_storage_errors
    def break_finished(self, break_id: int, at: datetime, result: PlayerResult) -> None:
        outcome = Outcome.COMPLETED if result.completed else Outcome.ENDED_EARLY
        self.conn.execute(
            "UPDATE breaks SET outcome = ?, ended_at = ?, steps_done = ?, steps_total = ?,"
            " steps_skipped = ?, active_seconds = ? WHERE id = ?",
            (
                outcome.value,
                _iso(at),
                result.steps_done,
                result.steps_total,
                result.steps_skipped,
                round(result.active.total_seconds(), 1),
                break_id,
            ),
        )

    @_storage_errors
    def close_dangling(self, at: datetime) -> int:
        """Entries left pending by a crash or kill: a started break ended early, else unanswered."""
        self.conn.execute("BEGIN")
        try:
            ended = self.conn.execute(
                "UPDATE breaks SET outcome = 'ended_early', ended_at = coalesce(ended_at, ?)"
                " WHERE outcome = 'pending' AND started_at IS NOT NULL",
                (_iso(at),),
            ).rowcount
            unanswered = self.conn.execute(
                "UPDATE breaks SET outcome = 'unanswered', answered_at = ? WHERE outcome = 'pending'",
                (_iso(at),),
            ).rowcount
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise
        return int(ended + unanswered)

    @_storage_errors
    def recent(self, limit: int = 20) -> list[BreakRecord]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM breaks ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [self._record(row) for row in rows]

    @staticmethod
    def _record(row: tuple[object, ...]) -> BreakRecord:
        from ..core.history import BreakRecord

        (rid, at, reminded, outcome, sitting, started, ended, routine, done, total, skipped, active) = row
        at_dt = _dt(str(at))
        assert at_dt is not None
        return BreakRecord(
            id=int(str(rid)),
            at=at_dt,
            reminded=bool(reminded),
            outcome=Outcome(str(outcome)),
            sitting_for=_td(float(str(sitting))) if sitting is not None else None,
            started_at=_dt(str(started)) if started else None,
            ended_at=_dt(str(ended)) if ended else None,
            routine_id=str(routine) if routine else None,
            steps_done=int(str(done)) if done is not None else None,
            steps_total=int(str(total)) if total is not None else None,
            steps_skipped=int(str(skipped)) if skipped is not None else None,
            active=_td(float(str(active))) if active is not None else None,
        )

    # -- state that survives a restart --------------------------------------------------

    @_storage_errors
    def save_state(self, state: SavedState) -> None:
        value = json.dumps(
            {
                "phase": state.phase.value,
                "sitting_since": _iso(state.sitting_since),
                "due_at": _iso(state.due_at),
                "last_seen": _iso(state.last_seen),
                "count_from": _iso(state.count_from),
            }
        )
        self.conn.execute(
            "INSERT INTO app_state (key, value) VALUES ('policy', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (value,),
        )

    @_storage_errors
    def load_state(self) -> SavedState | None:
        row = self.conn.execute("SELECT value FROM app_state WHERE key = 'policy'").fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            last_seen = _dt(data["last_seen"])
            sitting_since, due_at = _dt(data["sitting_since"]), _dt(data["due_at"])
            if last_seen is None or any(
                t is not None and t.tzinfo is None for t in (last_seen, sitting_since, due_at)
            ):
                return None  # hand-edited or foreign: starting fresh beats crashing
            count_from = _dt(data.get("count_from"))
            if count_from is not None and count_from.tzinfo is None:
                count_from = None
            return SavedState(Phase(data["phase"]), sitting_since, due_at, last_seen, count_from)
        except (ValueError, KeyError, TypeError):
            return None
