"""Schema 3: the earliest day whose figures changed, for the saved streak walk (review_data.py),
and an index to find the check-ins among a million events at once.

Every insert, update or delete of a `days` row (the triggers of schema 2 make one for each
change to a day's events) lowers `day_changes.earliest` to that day; saving a walk empties it.
"""

from __future__ import annotations

_NOTE = (
    "INSERT INTO day_changes (id, earliest) VALUES (1, {row}.local_date)"
    " ON CONFLICT (id) DO UPDATE SET earliest = min(earliest, excluded.earliest)"
)

MIGRATION = (
    "CREATE TABLE day_changes (id INTEGER PRIMARY KEY CHECK (id = 1), earliest TEXT NOT NULL);\n"
    "CREATE INDEX events_by_kind ON events (kind, at_utc);\n"
    + "\n".join(
        f"CREATE TRIGGER days_{when.lower()}_noted AFTER {when} ON days BEGIN {_NOTE.format(row=row)}; END;"
        for when, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    )
)
