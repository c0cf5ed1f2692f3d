"""Schema 2: every event with a stable id, its instant in UTC and the local day and offset.

- `breaks` (reminders and breaks) gains `uid` (a UUID that never changes, also across computers:
  export and import merge by it), `at_utc`, `local_date` and `utc_offset` (seconds east of UTC
  at that moment), plus the break's `feedback` and `pain` flag.
- `events` holds everything else: sitting stretches, natural breaks, check-ins and rest days.
- `days` holds the per-day figures, kept right by triggers (see days.py).

A row written by schema 1 keeps its timestamp, which already carries the local offset of the
moment it was written, so its local day and offset are taken from there and never recomputed
from today's timezone.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from . import days
from .uids import new_uid

EVENT_KINDS = ("sitting", "natural_break", "checkin", "rest_day")


def events_table(name: str, kinds: tuple[str, ...]) -> str:
    """The events table's CREATE statement, its kinds checked against `kinds` (schema 4 adds one)."""
    return f"""
CREATE TABLE {name} (
    uid        TEXT    PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in kinds)})),
    at         TEXT    NOT NULL,
    at_utc     TEXT    NOT NULL,
    local_date TEXT    NOT NULL,
    utc_offset INTEGER NOT NULL,
    ended_at   TEXT,
    seconds    REAL,
    how        TEXT,
    data       TEXT    NOT NULL DEFAULT '{{}}'
) WITHOUT ROWID"""


EVENTS_TABLE = f"""{events_table("events", EVENT_KINDS)};
CREATE INDEX events_by_day ON events (local_date, kind);
CREATE INDEX events_by_time ON events (at_utc);
"""

NEW_BREAK_COLUMNS = (
    "uid TEXT",
    "at_utc TEXT",
    "local_date TEXT",
    "utc_offset INTEGER",
    "feedback TEXT CHECK (feedback IS NULL OR feedback IN ('too_easy', 'about_right', 'too_hard'))",
    "pain INTEGER NOT NULL DEFAULT 0 CHECK (pain IN (0, 1))",
)

INSTALL_KEY = "install_id"


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def placed(moment: datetime) -> tuple[str, str, int]:
    """(instant in UTC, local date, offset in seconds) of an aware local datetime."""
    offset = moment.utcoffset()
    return utc_text(moment), moment.date().isoformat(), int(offset.total_seconds()) if offset else 0


def _old_row(at: object) -> tuple[str | None, str | None, int | None]:
    try:
        moment = datetime.fromisoformat(str(at))
    except ValueError:
        text = str(at)[:10]
        try:
            return None, datetime.strptime(text, "%Y-%m-%d").date().isoformat(), None
        except ValueError:
            return None, None, None
    if moment.tzinfo is None:
        return None, moment.date().isoformat(), None
    try:
        return placed(moment)
    except OverflowError:  # no UTC instant (year 1 or 9999): as unreadable as garbage
        return None, None, None


def migrate(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 2, inside the caller's transaction."""
    for column in NEW_BREAK_COLUMNS:
        conn.execute(f"ALTER TABLE breaks ADD COLUMN {column}")
    for rid, at in conn.execute("SELECT id, at FROM breaks").fetchall():
        at_utc, local_date, offset = _old_row(at)
        conn.execute(
            "UPDATE breaks SET uid = ?, at_utc = ?, local_date = ?, utc_offset = ? WHERE id = ?",
            (new_uid(), at_utc, local_date, offset, rid),
        )
    conn.execute("CREATE UNIQUE INDEX breaks_by_uid ON breaks (uid)")
    conn.execute("CREATE INDEX breaks_by_day ON breaks (local_date)")
    for statement in (EVENTS_TABLE + days.DAYS_TABLE).split(";"):
        if statement.strip():
            conn.execute(statement)
    days.rebuild(conn)
    for trigger in days.triggers_sql().split("END;"):
        if trigger.strip():
            conn.execute(trigger + "END;")
    conn.execute("INSERT OR IGNORE INTO app_state (key, value) VALUES (?, ?)", (INSTALL_KEY, new_uid()))
