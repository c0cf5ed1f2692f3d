"""The real QtScheduler wake-up: a check that books the next one keeps the chain going."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from datetime import time as dtime

import pytest

from deskbreak.app.wakeups import SchedulerWakeups


def test_a_check_that_books_the_next_check_keeps_running(qtbot):
    runs: list[str] = []
    wakeups: SchedulerWakeups | None = None

    def check() -> None:
        runs.append(threading.current_thread().name)
        assert wakeups is not None
        wakeups.at(datetime.now().astimezone() + timedelta(milliseconds=20))

    wakeups = SchedulerWakeups(check)
    try:
        wakeups.at(datetime.now().astimezone())
        qtbot.waitUntil(lambda: len(runs) >= 4, timeout=5000)
        # Every check ran on the GUI thread, where touching widgets is allowed.
        assert set(runs) == {threading.main_thread().name}
        assert wakeups.next_run() is not None
    finally:
        wakeups.shutdown()


def test_a_new_request_replaces_the_pending_one(qtbot):
    runs: list[int] = []
    wakeups = SchedulerWakeups(lambda: runs.append(1))
    try:
        wakeups.at(datetime.now().astimezone() + timedelta(hours=1))
        wakeups.at(datetime.now().astimezone() + timedelta(milliseconds=10))
        qtbot.waitUntil(lambda: runs == [1], timeout=3000)
        qtbot.wait(100)
        assert runs == [1]
        assert wakeups.next_run() is None
    finally:
        wakeups.shutdown()


def test_a_check_still_comes_when_the_scheduler_waits_on_a_wall_clock_set_back(qtbot):
    """Booked 50 ms ahead, then the scheduler is held (as a clock set back an hour holds it):
    the monotonic backstop runs the check anyway, shortly after."""
    runs: list[int] = []
    wakeups = SchedulerWakeups(lambda: runs.append(1))
    wakeups.backstop_slack_ms = 100
    try:
        wakeups.at(datetime.now().astimezone() + timedelta(milliseconds=50))
        wakeups.scheduler.pause()
        qtbot.waitUntil(lambda: runs == [1], timeout=3000)
    finally:
        wakeups.shutdown()


def test_the_weekly_job_is_booked_at_the_next_such_local_time_and_rebooks_itself(qtbot, monkeypatch):
    from deskbreak.core import checkin_schedule

    runs: list[int] = []
    wakeups = SchedulerWakeups(lambda: None)
    try:
        now = datetime.now()
        wakeups.weekly("weekly-checkin", 4, now.time().replace(second=0, microsecond=0), lambda: None)
        booked = wakeups.next_run("weekly-checkin")
        assert booked is not None
        expected = checkin_schedule.next_slot(now, 4, now.time().replace(second=0, microsecond=0))
        assert booked.replace(tzinfo=None) == expected and booked.weekday() == 4
        # Due now (the slot computed as 50 ms ahead): it runs on the GUI thread, then books again.
        soon = datetime.now() + timedelta(milliseconds=50)
        monkeypatch.setattr(checkin_schedule, "next_slot", lambda *_: soon)
        wakeups.weekly("weekly-checkin", 4, soon.time(), lambda: runs.append(1))
        monkeypatch.setattr(checkin_schedule, "next_slot", lambda *_: soon + timedelta(weeks=1))
        qtbot.waitUntil(lambda: runs == [1], timeout=3000)
        qtbot.waitUntil(lambda: wakeups.next_run("weekly-checkin") is not None, timeout=1000)
        again = wakeups.next_run("weekly-checkin")
        assert again is not None and again.replace(tzinfo=None) == soon + timedelta(weeks=1)
        wakeups.cancel("weekly-checkin")
        assert wakeups.next_run("weekly-checkin") is None
    finally:
        wakeups.shutdown()


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_checkin_time_the_clock_skips_is_booked_after_the_gap_not_before(berlin):
    """02:30 does not exist on 29 March 2026 in Berlin: booking it at 01:30 would fire before the
    slot, find the same slot again and spin; it is booked at 03:30 summer time instead."""
    from deskbreak.app.wakeups import next_instant

    now = datetime(2026, 3, 29, 1, 0).astimezone()
    slot = lambda *_: datetime(2026, 3, 29, 2, 30)  # noqa: E731
    when = next_instant(slot, 6, dtime(2, 30), now)
    assert when > now
    assert when.isoformat() == "2026-03-29T03:30:00+02:00"
    # The other reading, the one plain astimezone() gives here, lies before the gap:
    assert (
        datetime(2026, 3, 29, 2, 30).replace(fold=0).astimezone().isoformat() == "2026-03-29T01:30:00+01:00"
    )


def test_a_checkin_time_the_clock_passes_twice_is_booked_once_at_its_later_reading(berlin):
    from deskbreak.app.wakeups import next_instant

    now = datetime(2026, 10, 25, 1, 0).astimezone()
    when = next_instant(lambda *_: datetime(2026, 10, 25, 2, 30), 6, dtime(2, 30), now)
    assert when.isoformat() == "2026-10-25T02:30:00+01:00"


def test_a_slot_already_past_is_never_booked(berlin):
    from deskbreak.app.wakeups import next_instant

    now = datetime(2026, 11, 30, 12, 0).astimezone()
    when = next_instant(lambda *_: datetime(2026, 11, 30, 11, 0), 0, dtime(11, 0), now)
    assert when > now and when.replace(tzinfo=None) == datetime(2026, 12, 7, 11, 0)
