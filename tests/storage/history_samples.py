"""Histories for the exchange tests: written through the app's own logs, with chosen offsets."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect

PLUS_ONE = timezone(timedelta(hours=1))
MINUS_FIVE = timezone(timedelta(hours=-5))


def table_counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("breaks", "events", "days")
    )


def days_table(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT * FROM days ORDER BY local_date").fetchall()


def breaks_at(log: BreakLog, at: datetime, count: int, *, completed: bool = True) -> None:
    """`count` guided breaks from `at` on, 20 minutes apart, each after a reminder."""
    for n in range(count):
        start = at + timedelta(minutes=20 * n)
        rid = log.reminder_shown(start, timedelta(minutes=45))
        log.break_started(start, "upper-back-basics", reminder_id=rid, sitting_for=timedelta(minutes=45))
        result = PlayerResult(completed, 4 if completed else 1, 4, 0, timedelta(seconds=150))
        log.break_finished(rid, start + timedelta(minutes=3), result)


def working_weeks(log: BreakLog, monday: date, weeks: int, tz: timezone = PLUS_ONE) -> None:
    """Weeks of varied days: goals met and missed, natural breaks, sitting, a check-in, a rest day."""
    for n in range(7 * weeks):
        day = monday + timedelta(days=n)
        nine = datetime(day.year, day.month, day.day, 9, 0, tzinfo=tz)
        if day.weekday() >= 5:
            continue
        breaks_at(log, nine, (n * 7) % 6)
        rid = log.reminder_shown(nine + timedelta(hours=3), timedelta(minutes=50))
        log.answer(rid, Outcome.SNOOZED if n % 2 else Outcome.SKIPPED, nine + timedelta(hours=3, seconds=9))
        log.events.sitting(nine - timedelta(minutes=40), nine, "break")
        log.events.natural_break(nine + timedelta(hours=5), nine + timedelta(hours=5, minutes=12), "idle")
        if n % 4 == 1:
            log.events.postponed(nine + timedelta(hours=6), nine + timedelta(hours=6, minutes=25), "call")
        if day.weekday() == 4:
            week = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
            log.events.check_in(
                nine + timedelta(hours=7), week, n % 11, (n * 3) % 11, f'week {n}, "ok"\nfine'
            )
        if n % 9 == 3:
            log.events.rest_day(day, nine - timedelta(hours=1))
    started = log.break_started(
        datetime(monday.year, monday.month, monday.day, 17, 0, tzinfo=tz),
        "neck",
        reminder_id=None,
        sitting_for=timedelta(minutes=30),
    )
    log.break_feedback(started, feedback="too_hard", pain=True)
    ended = datetime(monday.year, monday.month, monday.day, 17, 1, tzinfo=tz)
    log.break_finished(started, ended, PlayerResult(False, 1, 4, 0, timedelta(seconds=40)))


def sample_database(
    path: object = None, monday: date = date(2026, 11, 2), weeks: int = 3
) -> sqlite3.Connection:
    conn = connect(path)  # type: ignore[arg-type]
    working_weeks(BreakLog(conn), monday, weeks)
    return conn
