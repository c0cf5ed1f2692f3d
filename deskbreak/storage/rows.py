"""A row of the break log as it is kept in memory, and the conversions to and from the file."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import astuple, dataclass, fields
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..core.policy import Outcome, Phase, SavedState

if TYPE_CHECKING:
    from ..core.history import BreakRecord
    from .ids import IdMap


def iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def parse_time(value: object) -> datetime | None:
    """A stored timestamp, or None if it is missing, unreadable or has no time zone."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _td(value: float | None) -> timedelta | None:
    return timedelta(seconds=value) if value is not None else None


@dataclass(frozen=True)
class Row:
    """One reminder or self-started break; `id` is the id the log handed out for it."""

    id: int
    at: str
    reminded: int
    outcome: str
    sitting_seconds: float | None = None
    started_at: str | None = None
    ended_at: str | None = None
    routine_id: str | None = None
    steps_done: int | None = None
    steps_total: int | None = None
    steps_skipped: int | None = None
    active_seconds: float | None = None
    answered_at: str | None = None
    uid: str | None = None  # stable across files and computers (schema 2)
    at_utc: str | None = None
    local_date: str | None = None
    utc_offset: int | None = None
    feedback: str | None = None
    pain: int = 0

    @property
    def pending(self) -> bool:
        return self.outcome == Outcome.PENDING.value

    def write(self, conn: sqlite3.Connection, ids: IdMap) -> None:
        """Insert or overwrite the whole row: writing it twice leaves the same file."""
        names = [f.name for f in fields(self)]

        def is_free(rid: int) -> bool:
            """Free, or holding this very row as written earlier (a copy of our own file put back
            in place still has it, pending): then it is overwritten, not written twice."""
            found = conn.execute("SELECT at, reminded, outcome FROM breaks WHERE id = ?", (rid,)).fetchone()
            return found is None or (
                found[0] == self.at and found[1] == self.reminded and found[2] == Outcome.PENDING.value
            )

        known = self.uid and conn.execute("SELECT id FROM breaks WHERE uid = ?", (self.uid,)).fetchone()
        file_id = ids.pin(self.id, int(known[0])) if known else ids.place(self.id, is_free)
        values = (file_id, *astuple(self)[1:])
        updates = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
        conn.execute(
            f"INSERT INTO breaks ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
            f" ON CONFLICT(id) DO UPDATE SET {updates}",
            values,
        )

    def record(self, file_id: int | None = None) -> BreakRecord:
        return to_record((self.id if file_id is None else file_id, *astuple(self)[1:12]))


COLUMNS = (
    "id, at, reminded, outcome, sitting_seconds, started_at, ended_at, routine_id,"
    " steps_done, steps_total, steps_skipped, active_seconds"
)


def to_record(row: tuple[object, ...]) -> BreakRecord:
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


def encode_state(state: SavedState) -> str:
    return json.dumps(
        {
            "phase": state.phase.value,
            "sitting_since": iso(state.sitting_since),
            "due_at": iso(state.due_at),
            "last_seen": iso(state.last_seen),
            "count_from": iso(state.count_from),
        }
    )


def decode_state(value: str) -> SavedState | None:
    """The saved state, or None for anything hand-edited or foreign: starting fresh beats crashing."""
    try:
        data = json.loads(value)
        last_seen = _dt(data["last_seen"])
        sitting_since, due_at = _dt(data["sitting_since"]), _dt(data["due_at"])
        if last_seen is None or any(
            t is not None and t.tzinfo is None for t in (last_seen, sitting_since, due_at)
        ):
            return None
        count_from = _dt(data.get("count_from"))
        if count_from is not None and count_from.tzinfo is None:
            count_from = None
        return SavedState(Phase(data["phase"]), sitting_since, due_at, last_seen, count_from)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
