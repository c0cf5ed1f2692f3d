"""What the program needs from the history: today's routines and how recent breaks felt."""

from __future__ import annotations

import sqlite3
from datetime import date

from ..core.program import Feedback, Rating


def routines_done_on(conn: sqlite3.Connection, day: date) -> list[str]:
    """The routines of the breaks started on a local day, in the order they were started."""
    rows = conn.execute(
        "SELECT routine_id FROM breaks WHERE local_date = ? AND started_at IS NOT NULL"
        " AND routine_id IS NOT NULL AND routine_id != '' ORDER BY at_utc, id",
        (day.isoformat(),),
    ).fetchall()
    return [str(r[0]) for r in rows]


def feedback_since(conn: sqlite3.Connection, since: date) -> list[Feedback]:
    """Every break's one-tap feedback from `since` on, oldest first."""
    rows = conn.execute(
        "SELECT local_date, feedback FROM breaks WHERE feedback IS NOT NULL AND local_date >= ?"
        " ORDER BY at_utc, id",
        (since.isoformat(),),
    ).fetchall()
    found = []
    for day, rating in rows:
        try:
            found.append(Feedback(date.fromisoformat(str(day)), Rating(str(rating))))
        except ValueError:
            continue  # an unreadable row from an import: not the program's business
    return found
