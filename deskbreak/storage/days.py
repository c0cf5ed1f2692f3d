"""Per-day figures kept inside the database, so the review never scans the whole history.

The `days` table holds one row per local calendar day: breaks that count toward the goal, breaks
started, reminders, minutes of guided movement, natural breaks, the longest sitting stretch, and
whether the day is marked rest. Triggers on `breaks` and `events` work a day's row out again from
that day's rows in the same transaction as every insert, update or delete, so the table can never
disagree with the events, whoever writes them (the app, an import, a crash recovery). Looking a
week up then costs a handful of index reads however long the history is.

Which breaks count is the rule of core.streaks.counts_toward_goal, written here in SQL (a test
checks the two agree on generated rows).
"""

from __future__ import annotations

import sqlite3

COUNTED = (
    "outcome = 'completed' OR (outcome = 'ended_early' AND steps_total > 0"
    " AND steps_done IS NOT NULL AND 2 * steps_done >= steps_total)"
)

# The first day with anything logged (days keep a row of zeros when their events go).
FIRST_USE = (
    "SELECT min(local_date) FROM days WHERE breaks_started + reminders + natural_breaks > 0"
    " OR longest_sitting_seconds > 0 OR rest"
)

DAYS_TABLE = """
CREATE TABLE days (
    local_date              TEXT    PRIMARY KEY,
    breaks                  INTEGER NOT NULL,
    breaks_started          INTEGER NOT NULL,
    reminders               INTEGER NOT NULL,
    movement_seconds        REAL    NOT NULL,
    natural_breaks          INTEGER NOT NULL,
    longest_sitting_seconds REAL    NOT NULL,
    rest                    INTEGER NOT NULL
) WITHOUT ROWID;
"""


_FIELDS = (
    "breaks",
    "breaks_started",
    "reminders",
    "movement_seconds",
    "natural_breaks",
    "longest_sitting_seconds",
    "rest",
)
# An upsert, not INSERT OR REPLACE: inside a trigger the outer statement's conflict rule
# (the break log's own upsert) would override REPLACE.
_UPDATES = ", ".join(f"{name} = excluded.{name}" for name in _FIELDS)


def refresh_sql(day: str) -> str:
    """The statement that works out one day's row again; `day` is an SQL expression.

    A row on no day (NULL: an old row with an unreadable time) has no day's row to work out; an
    update moving a row from or to no day refreshes only the day it has. (The WHERE also keeps
    SQLite from reading ON CONFLICT as part of the SELECT.)"""
    return f"""
    INSERT INTO days SELECT
        {day},
        (SELECT count(*) FROM breaks WHERE local_date = {day} AND ({COUNTED})),
        (SELECT count(*) FROM breaks WHERE local_date = {day} AND started_at IS NOT NULL),
        (SELECT count(*) FROM breaks WHERE local_date = {day} AND reminded = 1),
        (SELECT coalesce(sum(active_seconds), 0) FROM breaks WHERE local_date = {day}),
        (SELECT count(*) FROM events WHERE local_date = {day} AND kind = 'natural_break'),
        (SELECT coalesce(max(seconds), 0) FROM events WHERE local_date = {day} AND kind = 'sitting'),
        coalesce((SELECT how = 'rest' FROM events WHERE local_date = {day} AND kind = 'rest_day'
                  ORDER BY at_utc DESC, uid DESC LIMIT 1), 0)
    WHERE {day} IS NOT NULL
    ON CONFLICT (local_date) DO UPDATE SET {_UPDATES}"""


def triggers_sql() -> str:
    """Triggers that keep `days` right after any change to `breaks` or `events`."""
    parts: list[str] = []
    for table in ("breaks", "events"):
        for when, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            body = "".join(f"    {refresh_sql(f'{row}.local_date')};\n" for row in rows)
            condition = " OR ".join(f"{row}.local_date IS NOT NULL" for row in rows)
            parts.append(
                f"CREATE TRIGGER {table}_{when.lower()}_days AFTER {when} ON {table}\n"
                f"WHEN {condition}\nBEGIN\n{body}END;\n"
            )
    return "\n".join(parts)


def rebuild(conn: sqlite3.Connection) -> None:
    """Work every day's row out again (after a migration, or a bulk load with triggers off)."""
    conn.execute("DELETE FROM days")
    dates = conn.execute(
        "SELECT local_date FROM breaks WHERE local_date IS NOT NULL UNION SELECT local_date FROM events"
    ).fetchall()
    statement = refresh_sql(":d")
    for (day,) in dates:
        conn.execute(statement, {"d": day})
