"""What the running app writes for the review: sitting stretches with how they ended, natural
breaks with their length, and breaks, each on the local day it happened (fake clock)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fakes import FakeIdle, make_controller
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect


@pytest.fixture
def app(qtbot, routine, clock):
    log = BreakLog(connect(None))
    idle = FakeIdle()
    controller = make_controller(clock, routine, log, idle=idle)
    yield controller, log, idle
    if controller.window is not None:
        controller.window.timer.stop()
        controller.window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def rows(log: BreakLog, kind: str) -> list[tuple]:
    assert log.conn is not None
    return log.conn.execute(
        "SELECT at, ended_at, seconds, how, local_date FROM events WHERE kind = ? ORDER BY at_utc", (kind,)
    ).fetchall()


def test_walking_away_logs_the_stretch_and_the_natural_break_with_its_length(app, clock):
    controller, log, idle = app
    controller.tick()  # 09:00, sitting
    clock.advance(timedelta(minutes=20))
    idle.seconds = 0.0
    controller.tick()  # 09:20, last input now
    clock.advance(timedelta(minutes=12))
    idle.seconds = 12 * 60.0
    controller.tick()  # 09:32: away since 09:20
    clock.advance(timedelta(minutes=3))
    idle.seconds = 10.0
    controller.tick()  # 09:35: back since 09:34:50
    [(start, end, seconds, how, day)] = rows(log, "sitting")
    assert (start[11:16], end[11:16], seconds, how, day) == (
        "09:00",
        "09:20",
        1200.0,
        "natural_break",
        "2026-11-23",
    )
    [(start, end, seconds, how, _)] = rows(log, "natural_break")
    assert (start[11:16], end[11:19], seconds, how) == ("09:20", "09:34:50", 890.0, "idle")
    summary = log.events.day_summaries()[date(2026, 11, 23)]
    assert summary.natural_breaks == 1 and summary.longest_sitting_seconds == 1200.0


def test_a_completed_break_ends_the_stretch_and_counts_toward_the_goal(app, clock, qtbot):
    controller, log, idle = app
    controller.tick()
    clock.advance(timedelta(minutes=30))
    controller.tick()
    window = controller.take_break()
    assert window is not None
    window.timer.stop()
    clock.advance(timedelta(seconds=65))
    # The routine's last page: the window reports a completed routine.
    controller._window_ended(controller.lifecycle.window or 0, _completed(window))
    [(start, end, seconds, how, _)] = rows(log, "sitting")
    assert (start[11:16], end[11:16], seconds, how) == ("09:00", "09:30", 1800.0, "break")
    summary = log.events.day_summaries()[date(2026, 11, 23)]
    assert (summary.breaks, summary.breaks_started) == (1, 1)


def test_quitting_logs_the_stretch_so_far_and_a_restart_carries_the_same_one_on(app, clock):
    controller, log, idle = app
    controller.tick()
    clock.advance(timedelta(minutes=25))
    controller.tick()
    controller.shutdown()
    [(start, end, seconds, how, _)] = rows(log, "sitting")
    assert (start[11:16], end[11:16], how) == ("09:00", "09:25", "quit")


def _completed(window):
    from deskbreak.core.player import PlayerResult

    steps = len(window.items)
    return PlayerResult(True, steps, steps, 0, timedelta(seconds=65))


def test_feedback_on_the_last_page_is_kept_with_the_break(app, clock, qtbot):
    controller, log, idle = app
    controller.tick()
    window = controller.take_break()
    assert window is not None
    window.timer.stop()
    clock.advance(timedelta(seconds=84))  # the whole routine (83 s as coached) played
    window.refresh()
    feedback = window.finish_page.feedback
    assert window.pages.currentWidget() is window.finish_page and feedback.isVisible()
    qtbot.mouseClick(feedback.buttons["too_hard"], Qt.MouseButton.LeftButton)
    assert feedback.buttons["too_hard"].isChecked()
    assert log.conn is not None
    assert log.conn.execute("SELECT outcome, feedback FROM breaks").fetchall() == [("completed", "too_hard")]
    qtbot.mouseClick(feedback.buttons["about_right"], Qt.MouseButton.LeftButton)  # changed mind
    assert log.conn.execute("SELECT feedback FROM breaks").fetchall() == [("about_right",)]
    assert not feedback.buttons["too_hard"].isChecked()
