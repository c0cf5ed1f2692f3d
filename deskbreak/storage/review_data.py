"""The review as of today, read from the history in one consistent snapshot, fast at any length.

The streak walk resumes from a saved Sunday (core.streaks.WalkState, kept in app_state) so a
history of decades costs what one of a year does: only the days after it are read. A trigger
(schema 3) notes the earliest day whose figures changed since the walk was saved; a change on or
before its Sunday (an import, a rest day marked in the past, a crash recovery) makes it invalid
and the next load walks everything again. Saving the walk is a cache write: where the file
cannot be written (a read-only copy, a full disk) the review is the same, just not faster.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta

from ..core.review import HEATMAP_WEEKS, CheckIn, DaySummary, Review, build_review, first_shown
from ..core.streaks import GoalSettings, WalkState
from .days import FIRST_USE

WALK_KEY = "streak_walk"
_DAY_COLUMNS = (
    "local_date, breaks, breaks_started, natural_breaks, movement_seconds,"
    " longest_sitting_seconds, rest, reminders"
)


def read_days(
    conn: sqlite3.Connection, after: date | None = None, upto: date | None = None
) -> dict[date, DaySummary]:
    """The per-day figures after `after` and up to `upto` (each if given): one indexed read."""
    low = after.isoformat() if after else ""
    high = upto.isoformat() if upto else "9999"
    found: dict[date, DaySummary] = {}
    for day, breaks, started, natural, movement, longest, rest, reminders in conn.execute(
        f"SELECT {_DAY_COLUMNS} FROM days WHERE local_date > ? AND local_date <= ?", (low, high)
    ):
        try:
            key = date.fromisoformat(str(day))
        except ValueError:
            continue
        found[key] = DaySummary(
            int(breaks),
            int(started),
            int(natural),
            float(movement),
            float(longest),
            bool(rest),
            int(reminders),
        )
    return found


def read_checkins(conn: sqlite3.Connection, since: date = date.min) -> list[CheckIn]:
    """The check-ins from `since` on (by index: a long history's old ones are not read)."""
    found: list[CheckIn] = []
    for at, data in conn.execute(
        "SELECT at, data FROM events WHERE kind = 'checkin' AND at_utc >= ? ORDER BY at_utc",
        (since.isoformat(),),
    ):
        try:
            fields = json.loads(data)
            found.append(
                CheckIn(
                    str(fields["week"]),
                    datetime.fromisoformat(str(at)),
                    int(fields["stiffness"]),
                    int(fields["low_back_pain"]),
                    str(fields.get("note") or ""),
                )
            )
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _encode(state: WalkState) -> str:
    s = state.settings
    return json.dumps(
        {
            "through": state.through.isoformat(),
            "start": state.start.isoformat(),
            "current": state.current,
            "best": state.best,
            "freezes": state.freezes,
            "used": [d.isoformat() for d in state.used],
            "goal": [s.daily_goal, sorted(s.work_days), s.count_natural_breaks, s.max_freezes],
        }
    )


def _decode(text: str) -> WalkState | None:
    try:
        data = json.loads(text)
        goal, days, natural, freezes = data["goal"]
        settings = GoalSettings(int(goal), frozenset(int(d) for d in days), bool(natural), int(freezes))
        return WalkState(
            date.fromisoformat(data["through"]),
            date.fromisoformat(data["start"]),
            int(data["current"]),
            int(data["best"]),
            int(data["freezes"]),
            tuple(date.fromisoformat(d) for d in data["used"]),
            settings,
        )
    except (ValueError, KeyError, TypeError):
        return None


def _saved_walk(conn: sqlite3.Connection) -> WalkState | None:
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", (WALK_KEY,)).fetchone()
    walk = _decode(str(row[0])) if row else None
    if walk is None:
        return None
    changed = conn.execute("SELECT earliest FROM day_changes WHERE id = 1").fetchone()
    if changed is not None and str(changed[0]) <= walk.through.isoformat():
        return None  # a day the walk covers has changed since it was saved
    return walk


def _save_walk(conn: sqlite3.Connection, walk: WalkState) -> None:
    try:
        conn.execute(
            "INSERT INTO app_state (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (WALK_KEY, _encode(walk)),
        )
        conn.execute("DELETE FROM day_changes")
    except sqlite3.Error:
        pass  # read-only or full: the next load walks again


def load_review(
    conn: sqlite3.Connection,
    today: date,
    settings: GoalSettings,
    week_of: date | None = None,
    *,
    checkins: bool = True,
    save: bool = True,
) -> Review:
    """The review from one snapshot of the file (a read transaction; the saved walk is updated
    in it when `save` and the file can be written)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        first = conn.execute(FIRST_USE).fetchone()[0]
        since = date.fromisoformat(first) if first else None
        walk = _saved_walk(conn)
        if walk is not None and (
            walk.settings != settings or walk.start != since or walk.through >= first_shown(today, week_of)
        ):
            walk = None  # not this walk: every day is read and walked
        days = read_days(conn, walk.through if walk else None)
        # The chart shows the heatmap's year; a year more finds the check-in each change is from.
        oldest = min(today, week_of or today) - timedelta(weeks=2 * HEATMAP_WEEKS + 1)
        found = read_checkins(conn, oldest) if checkins else []
        review = build_review(days, found, today, settings, week_of, since=since, resume=walk)
        fresh = review.streak.checkpoint
        if save and fresh is not None and fresh != walk:
            _save_walk(conn, fresh)
        if own:
            conn.execute("COMMIT")
        return review
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
