"""The log of reminders and breaks: one row per reminder or self-started break.

Nothing the app records is lost while the file cannot be written: each write method puts the
change in memory first (see store.py) and returns at once; no write method raises for a disk,
file or folder problem. The id a reminder or break gets is handed out here, before the row is
written, so answer() and break_finished() work on rows still waiting in memory.

Health for the UI: `problem` (None, or a sentence naming the file, the cause and how many
events wait), `healthy`, `waiting`, `on_report` (called with each new problem and each
one-off notice, e.g. "a new database was started" or "saving works again"), `take_notices()`.
The app calls `heartbeat(now)` and `retry()` on each check.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.policy import Outcome, SavedState
from . import dangling, trouble
from .event_log import EventLog
from .file_identity import database_path
from .ids import IdMap
from .rows import COLUMNS, Row, decode_state, encode_state, iso, to_record
from .schema_v2 import placed
from .store import HistoryStore
from .uids import new_uid

if TYPE_CHECKING:
    from ..core.history import BreakRecord
    from ..core.player import PlayerResult

HEARTBEAT_EVERY = timedelta(seconds=60)


def open_history(
    path: Path, *, monotonic: Callable[[], float] = time.monotonic, reopen_every: float = 30.0
) -> BreakLog:
    """The log kept in `path`; never raises. A missing folder is created; a file that cannot be
    opened gives a log that runs from memory, reports why, and tries again on later writes."""
    return BreakLog(HistoryStore(path, monotonic=monotonic, reopen_every=reopen_every))


def _seconds(value: timedelta) -> float:
    return round(value.total_seconds(), 1)


class BreakLog:
    """Reminders, breaks and the state that survives a restart, each write its own transaction."""

    def __init__(self, source: sqlite3.Connection | HistoryStore) -> None:
        if isinstance(source, sqlite3.Connection):
            source = HistoryStore(database_path(source), source)
        self.store = source
        self.events = EventLog(source)
        self._open: dict[int, Row] = {}  # reminders and breaks not finished yet
        self.feedback_changes = 0  # feedback given since start (readers cache on it)
        self._next_id = self.store.ids.first_free
        self._last_beat: datetime | None = None
        self.store.on_connected = self._connected
        self.store.on_new_file = self._new_file

    # -- health -------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection | None:
        return self.store.conn

    @property
    def problem(self) -> str | None:
        return self.store.problem

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def problem_reason(self) -> str | None:
        """`problem` without the file name in front, for `Problem(str(log.path), reason)`."""
        why = self.store.why
        return None if why is None else trouble.reason_text(why, len(self.store.queue))

    @property
    def healthy(self) -> bool:
        return self.store.why is None and not self.store.queue

    @property
    def waiting(self) -> int:
        return len(self.store.queue)

    @property
    def on_report(self) -> Callable[[str], None] | None:
        return self.store.on_report

    @on_report.setter
    def on_report(self, callback: Callable[[str], None] | None) -> None:
        self.store.on_report = callback

    def take_notices(self) -> list[str]:
        notices, self.store.notices = self.store.notices, []
        return notices

    def retry(self) -> bool:
        """Try to write what waits in memory (the app calls this on each check); True if all is saved."""
        return self.store.flush()

    def shrink_memory(self) -> None:
        """Free SQLite's cache while idle (the app does this with its other start-up garbage)."""
        self.store.shrink_memory()

    def close(self) -> int:
        """Save what can be saved and close the file; returns how many events could not be saved."""
        return self.store.close()

    def _connected(self) -> None:
        self._next_id = max(self._next_id, self.store.ids.first_free)

    def _new_file(self) -> None:
        """Another file is in use now: the reminders and breaks still open are written to it too."""
        for row in sorted(self._open.values(), key=lambda r: r.id, reverse=True):
            self._put(row, flush=False, first=True)

    # -- reminders and breaks -----------------------------------------------------------

    def _put(self, row: Row, *, flush: bool = True, first: bool = False) -> None:
        if row.pending:
            self._open[row.id] = row
        else:
            self._open.pop(row.id, None)
        self.store.write(row.write, key=f"row:{row.id}", data=row, flush=flush, first=first)

    def _update(self, rid: int, **values: object) -> None:
        """A change to a row this run does not hold (written by an earlier run)."""
        sets = ", ".join(f"{name} = ?" for name in values)

        def op(conn: sqlite3.Connection, ids: IdMap) -> None:
            conn.execute(f"UPDATE breaks SET {sets} WHERE id = ?", (*values.values(), ids.find(rid)))

        self.store.write(op)

    def _new(self, at: datetime, **values: object) -> int:
        rid = self._next_id
        self._next_id += 1
        at_utc, local_date, offset = placed(at)
        place = {"uid": new_uid(), "at_utc": at_utc, "local_date": local_date, "utc_offset": offset}
        self._put(Row(id=rid, at=iso(at) or "", **place, **values))  # type: ignore[arg-type]
        return rid

    def reminder_shown(self, at: datetime, sitting_for: timedelta) -> int:
        return self._new(at, reminded=1, outcome=Outcome.PENDING.value, sitting_seconds=_seconds(sitting_for))

    def answer(self, reminder_id: int, outcome: Outcome, at: datetime) -> None:
        """Resolve a reminder without a break: snoozed, skipped, stepped away, unanswered."""
        row = self._open.get(reminder_id)
        if row is None:
            self._update(reminder_id, outcome=outcome.value, answered_at=iso(at))
        else:
            self._put(replace(row, outcome=outcome.value, answered_at=iso(at)))

    def break_started(
        self,
        at: datetime,
        routine_id: str,
        *,
        reminder_id: int | None,
        sitting_for: timedelta,
    ) -> int:
        if reminder_id is None:
            return self._new(
                at,
                reminded=0,
                outcome=Outcome.PENDING.value,
                sitting_seconds=_seconds(sitting_for),
                started_at=iso(at),
                routine_id=routine_id,
            )
        row = self._open.get(reminder_id)
        if row is None:
            self._update(reminder_id, started_at=iso(at), routine_id=routine_id, answered_at=iso(at))
        else:
            self._put(replace(row, started_at=iso(at), routine_id=routine_id, answered_at=iso(at)))
        return reminder_id

    def break_finished(self, break_id: int, at: datetime, result: PlayerResult) -> None:
        outcome = Outcome.COMPLETED if result.completed else Outcome.ENDED_EARLY
        values: dict[str, object] = {
            "outcome": outcome.value,
            "ended_at": iso(at),
            "steps_done": result.steps_done,
            "steps_total": result.steps_total,
            "steps_skipped": result.steps_skipped,
            "active_seconds": _seconds(result.active),
        }
        if result.pain:
            values["pain"] = 1
        row = self._open.get(break_id)
        if row is None:
            self._update(break_id, **values)
        else:
            self._put(replace(row, **values))  # type: ignore[arg-type]

    def break_feedback(self, break_id: int, *, feedback: str | None = None, pain: bool | None = None) -> None:
        """How the break felt (too_easy, about_right, too_hard) and whether something hurt."""
        if feedback not in (None, "too_easy", "about_right", "too_hard"):
            raise ValueError(f"unknown feedback {feedback!r}")
        values: dict[str, object] = {}
        if feedback is not None:
            values["feedback"] = feedback
            self.feedback_changes += 1
        if pain is not None:
            values["pain"] = int(pain)
        if not values:
            return
        row = self._open.get(break_id)
        if row is None:
            self._update(break_id, **values)
        else:
            self._put(replace(row, **values))  # type: ignore[arg-type]

    def close_dangling(self, now: datetime) -> int:
        """Close what an earlier run left open, at its last heartbeat (see dangling.py).

        Returns how many rows were closed; 0 if the file cannot be written yet (it is then done,
        before anything else, as soon as it can).
        """
        closed: list[int] = []

        def op(conn: sqlite3.Connection, ids: IdMap) -> None:
            closed.append(dangling.close_dangling(conn, ids, now))

        self.store.write(op, key="close_dangling")
        return closed[-1] if closed and not any(q.key == "close_dangling" for q in self.store.queue) else 0

    def heartbeat(self, at: datetime) -> None:
        """Record that the app is alive at `at` (written at most once a minute)."""
        last = self._last_beat
        if last is not None and timedelta(0) <= at - last < HEARTBEAT_EVERY:
            return
        self._last_beat = at
        self._set(dangling.HEARTBEAT_KEY, iso(at) or "")

    def recent(self, limit: int = 20) -> list[BreakRecord]:
        """The newest rows first, including those still waiting in memory."""
        found = self.store.read(
            lambda conn: conn.execute(
                # By when they happened: rows imported from another computer get new ids.
                f"SELECT {COLUMNS} FROM breaks ORDER BY coalesce(at_utc, at) DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        )
        records = {r.id: r for r in map(to_record, found or [])}
        for item in self.store.queue:
            if isinstance(item.data, Row):
                file_id = self.store.ids.find(item.data.id) if self.store.conn is not None else item.data.id
                records[file_id] = item.data.record(file_id)
        return sorted(records.values(), key=lambda r: (r.at, r.id), reverse=True)[: max(0, limit)]

    # -- state that survives a restart --------------------------------------------------

    def _set(self, key: str, value: str) -> None:
        def op(conn: sqlite3.Connection, ids: IdMap) -> None:
            conn.execute(
                "INSERT INTO app_state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

        self.store.write(op, key=f"state:{key}", data=value)

    def set_value(self, key: str, value: str) -> None:
        """Keep a small named value (e.g. the last week summarised) across restarts."""
        self._set(f"app.{key}", value)

    def value(self, key: str) -> str | None:
        found = self.stored_value(key)
        return found[0] if found else None

    def stored_value(self, key: str) -> tuple[str | None] | None:
        """(the value, or None when there is none), or None when the file cannot be read now:
        a caller can tell "never set" from "not reachable" and not save defaults over it."""
        for item in reversed(self.store.queue):
            if item.key == f"state:app.{key}" and isinstance(item.data, str):
                return (item.data,)
        row = self.store.read(
            lambda c: [c.execute("SELECT value FROM app_state WHERE key = ?", (f"app.{key}",)).fetchone()]
        )
        return None if row is None else (str(row[0][0]) if row[0] else None,)

    def save_state(self, state: SavedState) -> None:
        self._set(dangling.STATE_KEY, encode_state(state))

    def load_state(self) -> SavedState | None:
        for item in self.store.queue:
            if item.key == f"state:{dangling.STATE_KEY}" and isinstance(item.data, str):
                return decode_state(item.data)
        row = self.store.read(
            lambda conn: conn.execute(
                "SELECT value FROM app_state WHERE key = ?", (dangling.STATE_KEY,)
            ).fetchone()
        )
        return decode_state(str(row[0])) if row else None
