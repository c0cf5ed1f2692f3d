"""A break left open when the app died is closed at the last heartbeat, not at the next start."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from deskbreak.core.policy import Outcome, Phase, SavedState
from deskbreak.storage.break_log import BreakLog, open_history

TZ = timezone(timedelta(hours=1))
SAT = timedelta(minutes=45)
MIN = timedelta(minutes=1)


def day(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2024, 3, d, hh, mm, tzinfo=TZ)


def crash(log: BreakLog) -> None:
    """The process dies: nothing more is written, the file is just closed."""
    assert log.conn is not None
    log.conn.close()


def beats(log: BreakLog, start: datetime, end: datetime, every: timedelta = MIN) -> None:
    t = start
    while t <= end:
        log.heartbeat(t)
        t += every


def test_a_break_interrupted_at_18_is_not_logged_as_15_hours_long(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    bid = log.break_started(day(4, 17, 55), "quick-reset", reminder_id=None, sitting_for=SAT)
    beats(log, day(4, 17, 30), day(4, 18, 0))
    crash(log)  # killed at 18:00:30, say

    log = open_history(path)
    assert log.close_dangling(day(5, 9, 0)) == 1
    (record,) = log.recent()
    assert record.id == bid
    assert record.outcome is Outcome.ENDED_EARLY
    assert record.ended_at == day(4, 18, 0)
    assert record.started_at is not None
    assert record.ended_at - record.started_at == 5 * MIN


def test_a_reminder_left_on_screen_is_unanswered_at_the_last_heartbeat(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    rid = log.reminder_shown(day(4, 16, 0), SAT)
    beats(log, day(4, 16, 0), day(4, 16, 40))
    crash(log)

    log = open_history(path)
    log.close_dangling(day(5, 8, 30))
    raw = sqlite3.connect(path)
    outcome, answered = raw.execute("SELECT outcome, answered_at FROM breaks WHERE id = ?", (rid,)).fetchone()
    raw.close()
    assert outcome == "unanswered"
    assert datetime.fromisoformat(answered) == day(4, 16, 40)


def test_heartbeats_are_written_at_most_once_a_minute(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    writes: list[str] = []
    assert log.conn is not None
    log.conn.set_trace_callback(lambda sql: writes.append(sql) if "app_state" in sql else None)
    beats(log, day(4, 9, 0), day(4, 9, 10), every=timedelta(seconds=15))
    assert len(writes) == 11  # 9:00, 9:01 ... 9:10, not 41
    crash(log)


def test_closing_is_never_before_the_start_nor_after_now(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    log.heartbeat(day(4, 12, 0))
    log.break_started(day(4, 12, 0) + timedelta(seconds=40), "quick-reset", reminder_id=None, sitting_for=SAT)
    crash(log)  # the last heartbeat (12:00) came before the break started (12:00:40)
    log = open_history(path)
    log.close_dangling(day(5, 9, 0))
    (record,) = log.recent()
    assert record.ended_at == record.started_at == day(4, 12, 0) + timedelta(seconds=40)
    crash(log)

    # A heartbeat from the future (the clock was wrong): closed at `now`, not later.
    log = open_history(path)
    log.heartbeat(day(9, 12, 0))
    future = log.break_started(day(6, 10, 0), "quick-reset", reminder_id=None, sitting_for=SAT)
    crash(log)
    log = open_history(path)
    log.close_dangling(day(6, 11, 0))
    by_id = {r.id: r for r in log.recent()}
    assert by_id[future].ended_at == day(6, 11, 0)


def test_without_heartbeats_the_saved_state_tells_when_the_app_was_last_alive(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)  # as an older deskbreak: rows and the saved state, no heartbeat
    bid = log.break_started(day(4, 17, 50), "quick-reset", reminder_id=None, sitting_for=SAT)
    log.save_state(SavedState(Phase.ON_BREAK, None, None, day(4, 17, 58)))
    crash(log)
    log = open_history(path)
    log.close_dangling(day(5, 9, 0))
    assert {r.id: r for r in log.recent()}[bid].ended_at == day(4, 17, 58)


def test_this_runs_own_open_rows_are_left_alone(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    rid = log.reminder_shown(day(4, 9, 0), SAT)
    assert log.close_dangling(day(4, 9, 5)) == 0
    log.answer(rid, Outcome.SNOOZED, day(4, 9, 6))
    assert log.recent()[0].outcome is Outcome.SNOOZED


def test_closing_waits_for_a_file_that_cannot_be_written_yet_and_goes_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    bid = log.break_started(day(4, 17, 55), "quick-reset", reminder_id=None, sitting_for=SAT)
    log.heartbeat(day(4, 18, 0))
    crash(log)

    blocker = tmp_path / "swap"
    path.rename(blocker)
    path.mkdir()  # something in the way at start
    ticks = [0.0]
    log = open_history(path, monotonic=lambda: ticks[0])
    assert log.close_dangling(day(5, 9, 0)) == 0  # not yet
    log.heartbeat(day(5, 9, 0))
    mine = log.reminder_shown(day(5, 9, 1), SAT)
    path.rmdir()
    blocker.rename(path)
    ticks[0] = 60.0
    assert log.retry()
    old, new = sorted(log.recent(), key=lambda r: r.at)
    assert old.ended_at == day(4, 18, 0)  # the old heartbeat, read before the new one
    assert new.outcome is Outcome.PENDING  # this run's reminder is not closed
    # The id handed out while there was no file was taken there: the row got the next free one,
    # and the handle still reaches it.
    assert (bid, mine) == (1, 1) and new.id == 2
    log.answer(mine, Outcome.SKIPPED, day(5, 9, 2))
    assert {r.id: r.outcome for r in log.recent()} == {1: Outcome.ENDED_EARLY, 2: Outcome.SKIPPED}
