"""The review read from the history: a saved streak walk makes a long history as quick as a
short one, and is thrown away whenever a day it covers changes (fake dates only)."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from history_samples import PLUS_ONE, breaks_at, working_weeks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.core.review import DaySummary, build_review
from deskbreak.core.streaks import GoalSettings
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.storage.exchange import export_events, import_events
from deskbreak.storage.review_data import WALK_KEY, load_review, read_days

TODAY = date(2026, 11, 30)
GOALS = GoalSettings(daily_goal=2)


@pytest.fixture
def log() -> BreakLog:
    log = BreakLog(connect(None))
    working_weeks(log, date(2025, 6, 2), 78)  # a year and a half, up to last week
    return log


def full_walk(log: BreakLog, goals: GoalSettings = GOALS, week_of: date | None = None):
    assert log.conn is not None
    days = read_days(log.conn)
    first = min(d for d, s in days.items() if s != DaySummary() or s.rest)
    return build_review(days, log.events.checkins(), TODAY, goals, week_of, since=first)


def same(a, b) -> None:
    assert (a.streak.current, a.streak.best, a.streak.freezes_held) == (
        b.streak.current,
        b.streak.best,
        b.streak.freezes_held,
    )
    assert a.streak.freezes_used == b.streak.freezes_used
    assert a.week == b.week and a.heatmap == b.heatmap and a.checkins == b.checkins


def saved(log: BreakLog) -> str | None:
    assert log.conn is not None
    row = log.conn.execute("SELECT value FROM app_state WHERE key = ?", (WALK_KEY,)).fetchone()
    return row[0] if row else None


def test_the_first_load_saves_a_walk_and_the_next_resumes_it_with_the_same_figures(log):
    assert log.conn is not None
    first = load_review(log.conn, TODAY, GOALS)
    same(first, full_walk(log))
    assert saved(log) is not None
    walk = first.streak.checkpoint
    # Saved at the Sunday before the heatmap's first day: the year shown is always walked.
    assert walk is not None and walk.through == first.heatmap[0].day - timedelta(days=1)
    again = load_review(log.conn, TODAY, GOALS)
    same(again, first)


def test_a_change_before_the_saved_sunday_is_seen(log):
    assert log.conn is not None
    load_review(log.conn, TODAY, GOALS)
    # Breaks logged late for the first weeks (every working day now meets the goal), far back:
    # the best streak grows, and the old walk no longer holds.
    before = load_review(log.conn, TODAY, GOALS).streak.best
    for n in range(40):
        day = date(2025, 6, 2) + timedelta(days=n)
        if day.weekday() < 5:
            breaks_at(log, datetime(day.year, day.month, day.day, 15, 0, tzinfo=PLUS_ONE), 2)
    assert full_walk(log).streak.best > before
    same(load_review(log.conn, TODAY, GOALS), full_walk(log))


def test_an_import_of_old_history_is_seen(log):
    assert log.conn is not None
    other = BreakLog(connect(None))
    for day in range(2, 7):  # another computer's breaks in the first week
        breaks_at(other, datetime(2025, 6, day, 14, 0, tzinfo=PLUS_ONE), 2)
    load_review(log.conn, TODAY, GOALS)
    assert other.conn is not None
    import_events(log.conn, list(export_events(other.conn)))
    same(load_review(log.conn, TODAY, GOALS), full_walk(log))


def test_other_goals_or_another_week_are_worked_out_afresh(log):
    assert log.conn is not None
    load_review(log.conn, TODAY, GOALS)
    strict = GoalSettings(daily_goal=5, work_days=frozenset({0, 2, 4}))
    same(load_review(log.conn, TODAY, strict), full_walk(log, strict))
    long_ago = date(2025, 7, 14)  # before the saved Sunday: its week is walked, not skipped
    same(load_review(log.conn, TODAY, GOALS, long_ago), full_walk(log, week_of=long_ago))


def test_a_read_only_load_saves_nothing(log):
    assert log.conn is not None
    load_review(log.conn, TODAY, GOALS, save=False)
    assert saved(log) is None


def test_looking_at_a_week_years_back_neither_shows_nor_saves_wrong_figures(log):
    """Browsing back past the saved walk reads every day; the walk it saves then still holds."""
    assert log.conn is not None
    load_review(log.conn, TODAY, GOALS)  # the walk saved at the Sunday before the year shown
    long_ago = date(2025, 6, 9)
    same(load_review(log.conn, TODAY, GOALS, long_ago), full_walk(log, week_of=long_ago))
    same(load_review(log.conn, TODAY, GOALS), full_walk(log))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),  # days later than the last look
            st.one_of(st.none(), st.integers(0, 700)),  # the week looked at: this one, or days back
            st.sampled_from(["nothing", "rest", "unrest", "breaks"]),  # a change from elsewhere
            st.integers(0, 600),  # the day it is on, counted from the start
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_saved_walk_always_gives_what_walking_everything_gives(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        app = BreakLog(connect(path))
        assert app.conn is not None
        app.conn.execute("PRAGMA synchronous=OFF")  # speed only: nothing here loses power
        start = date(2025, 1, 6)
        for n in range(0, 600, 1):
            day = start + timedelta(days=n)
            if day.weekday() < 5 and n % 7 != 3:
                breaks_at(app, datetime(day.year, day.month, day.day, 9, 0, tzinfo=PLUS_ONE), 2)
        today = date(2026, 8, 31)
        assert app.conn is not None
        for later, back, change, on in steps:
            today += timedelta(days=later)
            week_of = None if back is None else today - timedelta(days=back)
            other = BreakLog(connect(path))  # as `deskbreak rest-day` or `import` would, meanwhile
            assert other.conn is not None
            other.conn.execute("PRAGMA synchronous=OFF")
            day = start + timedelta(days=on)
            moment = datetime(day.year, day.month, day.day, 12, 0, tzinfo=PLUS_ONE)
            if change in ("rest", "unrest"):
                other.events.rest_day(day, moment + timedelta(days=700), rest=change == "rest")
            elif change == "breaks":
                breaks_at(other, moment, 2)
            other.close()
            got = load_review(app.conn, today, GOALS, week_of)
            fresh = BreakLog(connect(path))
            assert fresh.conn is not None
            fresh.conn.execute("DELETE FROM app_state WHERE key = ?", (WALK_KEY,))
            want = load_review(fresh.conn, today, GOALS, week_of, save=False)
            fresh.close()
            same(got, want)
        app.close()
