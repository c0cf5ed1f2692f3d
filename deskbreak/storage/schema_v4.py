"""Schema 4: reminders that waited (a call, a fullscreen window, do-not-disturb) are events too.

`events.kind` is checked against a list, and SQLite cannot change a CHECK in place, so the
table is built again with the longer list, inside the migration's transaction: a new table, the
rows copied, the old one dropped, the new one renamed, its indexes and the `days` triggers made
again. The triggers on both tables are dropped first, because they name `events` and SQLite
checks them while renaming. The rows (and so every day's figures) are the same before and after.

A postponed row: `at` when the reminder started to wait, `ended_at` when it stopped waiting,
`seconds` its length, and `how` the reason ("call", "fullscreen", "do_not_disturb", "other").
"""

from __future__ import annotations

import sqlite3

from . import days
from .schema_v2 import EVENT_KINDS as V2_KINDS
from .schema_v2 import events_table

EVENT_KINDS = (*V2_KINDS, "postponed")

_INDEXES = (
    "CREATE INDEX events_by_day ON events (local_date, kind)",
    "CREATE INDEX events_by_time ON events (at_utc)",
    "CREATE INDEX events_by_kind ON events (kind, at_utc)",
)
_COLUMNS = "uid, kind, at, at_utc, local_date, utc_offset, ended_at, seconds, how, data"


def migrate(conn: sqlite3.Connection) -> None:
    """Schema 3 -> 4, inside the caller's transaction."""
    for table in ("breaks", "events"):
        for when in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_{when}_days")
    conn.execute(events_table("events_v4", EVENT_KINDS))
    conn.execute(f"INSERT INTO events_v4 ({_COLUMNS}) SELECT {_COLUMNS} FROM events")
    conn.execute("DROP TABLE events")
    conn.execute("ALTER TABLE events_v4 RENAME TO events")
    for statement in _INDEXES:
        conn.execute(statement)
    for trigger in days.triggers_sql().split("END;"):
        if trigger.strip():
            conn.execute(trigger + "END;")
