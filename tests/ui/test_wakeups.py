"""The real QtScheduler wake-up: a check that books the next one keeps the chain going."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

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
