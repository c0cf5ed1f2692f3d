"""The weekly review in the running app: the window from the tray, the weekly check-in (at its
time, and at the next start when the app was off), and the Monday summary. Fake clock only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from fakes import FakeWakeups, make_controller
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deskbreak.app.review_service import CHECKIN_JOB, ReviewService
from deskbreak.core.clock import FakeClock
from deskbreak.core.player import PlayerResult
from deskbreak.core.settings import Settings
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.tray import Tray

CET = timezone(timedelta(hours=1))
FRIDAY_16 = Settings(checkin_day=4, checkin_time=time(16, 0))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of Monday 2026-11-23 (day 23) or later, Berlin winter time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=CET)


def completed_break(log: BreakLog, when: datetime) -> None:
    rid = log.break_started(when, "test", reminder_id=None, sitting_for=timedelta(minutes=45))
    log.break_finished(rid, when + timedelta(minutes=3), PlayerResult(True, 4, 4, 0, timedelta(minutes=3)))


@pytest.fixture
def log() -> BreakLog:
    return BreakLog(connect(None))


class Told(list[tuple[str, str]]):
    def __call__(self, title: str, body: str) -> None:
        self.append((title, body))


def service(
    clock: FakeClock, log: BreakLog, settings: Settings = FRIDAY_16, busy=None
) -> tuple[ReviewService, Told]:
    told = Told()
    return ReviewService(clock, log, settings, told, FakeWakeups(), busy), told


@pytest.fixture(autouse=True)
def _close_windows(qtbot):
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_checkin_is_booked_at_its_day_and_time_and_asked_then(qtbot, log):
    completed_break(log, at(23, 10))
    clock = FakeClock(at(27, 15, 59))
    review, _ = service(clock, log)
    wakeups = review._wakeups
    assert isinstance(wakeups, FakeWakeups)
    day, when, callback = wakeups.jobs[CHECKIN_JOB]
    assert (day, when) == (4, time(16, 0))  # Friday 16:00, as configured
    callback()
    assert review.dialog is None  # 15:59: not yet
    clock.advance(timedelta(minutes=1))
    callback()  # what the cron job does at 16:00
    assert review.dialog is not None and review.dialog.isVisible()
    assert "23–29 Nov 2026" in review.dialog.heading.text()
    # It came by itself: it does not take the keyboard from whatever is being typed in.
    assert review.dialog.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    # Asked for from the review window, it does.
    review.dialog.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    asked = review.ask_checkin("2026-W48")
    assert not asked.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_quitting_with_the_checkin_open_asks_it_again_at_the_next_start(qtbot, log):
    completed_break(log, at(23, 10))
    clock = FakeClock(at(27, 16, 30))
    review, _ = service(clock, log)
    review.check()
    assert review.dialog is not None
    review.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    again, _ = service(clock, log)
    again.check()
    assert again.dialog is not None


def test_an_answered_checkin_is_logged_and_not_asked_again(qtbot, log):
    completed_break(log, at(23, 10))
    clock = FakeClock(at(27, 16, 5))
    review, _ = service(clock, log)
    review.check()
    dialog = review.dialog
    assert dialog is not None
    dialog.stiffness.choose(6)
    dialog.pain.choose(3)
    dialog.note.setText("long meeting day")
    dialog.save_button.click()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    [saved] = log.events.checkins()
    assert (saved.week, saved.stiffness, saved.low_back_pain, saved.note) == (
        "2026-W48",
        6,
        3,
        "long meeting day",
    )
    clock.advance(timedelta(hours=2))
    review.check()
    assert review.dialog is None
    # The app restarted that evening: still not asked again.
    again, _ = service(clock, log)
    again.check()
    assert again.dialog is None


def test_a_checkin_missed_while_the_app_was_off_is_asked_at_the_next_start(qtbot, log):
    completed_break(log, at(23, 10))
    clock = FakeClock(at(30, 9, 0))  # Monday: the app was off on Friday afternoon
    review, _ = service(clock, log)
    review.check()
    assert review.dialog is not None
    review.dialog.not_now_button.click()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert log.events.checkins() == []
    # "Not now" settles that week, also across a restart.
    again, _ = service(clock, log)
    again.check()
    assert again.dialog is None


def test_no_checkin_about_a_week_before_deskbreak_was_in_use(qtbot, log):
    completed_break(log, at(30, 10))  # first use: Monday 30 Nov
    review, _ = service(FakeClock(at(30, 11)), log)
    review.check()
    assert review.dialog is None


def test_turning_the_checkin_off_cancels_its_job_and_never_asks(qtbot, log):
    completed_break(log, at(23, 10))
    clock = FakeClock(at(27, 17))
    review, _ = service(clock, log)
    review.apply_settings(Settings(weekly_checkin=False))
    wakeups = review._wakeups
    assert isinstance(wakeups, FakeWakeups) and CHECKIN_JOB not in wakeups.jobs
    review.check()
    assert review.dialog is None


def test_neither_comes_while_a_reminder_is_out_or_a_break_runs(qtbot, log):
    for hour in (9, 11):
        completed_break(log, at(23, hour))
    busy = [True]
    review, told = service(FakeClock(at(30, 9)), log, busy=lambda: busy[0])
    review.check()
    assert review.dialog is None and told == []  # both wait: the reminder's notification stays
    busy[0] = False
    review.check()
    assert review.dialog is not None and len(told) == 1


def test_the_monday_summary_comes_once_on_the_first_working_morning(qtbot, log):
    for day in (23, 24, 25, 26, 27):
        for hour in (9, 11, 14, 16):
            completed_break(log, at(day, hour))
    clock = FakeClock(at(30, 5, 30))
    review, told = service(clock, log, Settings(weekly_checkin=False))
    review.check()
    assert told == []  # before the morning
    clock.advance(timedelta(hours=3))
    review.check()
    review.check()
    assert len(told) == 1
    title, body = told[0]
    assert "your week" in title
    assert "5 of 5 working days" in body and "streak: 5 days (best 5)" in body
    # A restart the same day does not repeat it.
    again, told_again = service(clock, log, Settings(weekly_checkin=False))
    again.check()
    assert told_again == []


def test_the_review_window_opens_with_the_logged_week_and_is_released_when_closed(qtbot, log):
    for hour in (9, 11, 14):
        completed_break(log, at(24, hour))
    log.events.rest_day(date(2026, 11, 25), at(25, 8))
    review, _ = service(FakeClock(at(26, 12)), log)
    window = review.open_review()
    assert review.open_review() is window  # one window, brought forward
    assert window.review is not None
    tuesday = window.review.week.days[1]
    assert (tuesday.summary.breaks, tuesday.goal) == (3, 4)
    assert window.review.week.days[2].summary.rest
    assert "3 / 4" in window.card.row_text(date(2026, 11, 24))
    window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert review.window is None


def test_marking_a_rest_day_in_the_window_is_logged(qtbot, log):
    completed_break(log, at(23, 9))
    review, _ = service(FakeClock(at(26, 12)), log)
    window = review.open_review()
    window.select_day(date(2026, 11, 24))
    window.rest_button.click()
    assert log.events.day_summaries()[date(2026, 11, 24)].rest
    assert window.review is not None and window.review.week.days[1].summary.rest


def test_the_tray_menu_opens_the_review(qtbot, log, routine):
    clock = FakeClock(at(26, 12))
    tray = Tray(QIcon(), "5 min")
    make_controller(clock, routine, log, tray=tray)
    review, _ = service(clock, log)
    tray.review_requested.connect(review.open_review)
    assert tray.review.text() == "Weekly review…"
    tray.review.trigger()
    assert review.window is not None and review.window.isVisible()
