"""The machine going to sleep and waking, as logind says, carried through the real controller and
break window (fake clock): a break slept through ends when the sleep began and its window goes;
after a sleep too short to end it, the routine goes on; a postponed wait reaches the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import make_controller
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from deskbreak.app.session_events import SessionEvents
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect


@pytest.fixture
def app(qtbot, routine, clock):
    log = BreakLog(connect(None))
    controller = make_controller(clock, routine, log)
    yield controller, log, SessionEvents(controller)
    if controller.window is not None:
        controller.window.timer.stop()
        controller.window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_break_slept_through_ends_when_the_sleep_began_and_its_window_goes(app, clock, qtbot):
    controller, log, session = app
    controller.tick()
    clock.advance(timedelta(minutes=10))
    window = controller.take_break()
    assert window is not None and window.isVisible()
    clock.advance(timedelta(seconds=40))
    session.sleeping()
    assert window.coach.paused_at is not None  # the routine does not run on through the sleep
    clock.jump_wall(timedelta(hours=1))  # asleep: the monotonic clock stands still
    session.woke()
    assert not controller.lifecycle.on_break and not window.isVisible()
    [(started, ended)] = log.conn.execute("SELECT started_at, ended_at FROM breaks").fetchall()
    assert ended[11:19] == "09:10:40"  # when the sleep began, not when it woke
    assert log.conn.execute("SELECT how FROM events WHERE kind = 'natural_break'").fetchall() == [
        ("suspend",)
    ]


def test_after_a_sleep_too_short_to_end_it_the_routine_goes_on(app, clock):
    controller, _, session = app
    controller.tick()
    window = controller.take_break()
    assert window is not None
    session.sleeping()
    clock.jump_wall(timedelta(seconds=20))
    session.woke()
    assert controller.lifecycle.on_break and window.isVisible()
    assert window.coach.paused_at is None  # running again, as before the sleep


def test_a_routine_the_user_had_paused_stays_paused_after_a_short_sleep(app, clock):
    controller, _, session = app
    controller.tick()
    window = controller.take_break()
    assert window is not None
    window.toggle_pause()
    session.sleeping()
    clock.jump_wall(timedelta(seconds=20))
    session.woke()
    assert controller.lifecycle.on_break and window.coach.paused_at is not None


def test_a_reminder_held_by_a_call_is_in_the_history_with_its_length(app, clock):
    controller, log, _ = app
    in_call = [True]
    controller.hold = lambda: "in a call" if in_call[0] else None
    controller.tick()
    clock.advance(timedelta(minutes=45))
    controller.tick()  # due at 9:45: waits
    assert controller.status()["reminder_waits_for"] == "in a call"
    clock.advance(timedelta(minutes=20))
    in_call[0] = False
    controller.tick()  # the call is over: the reminder comes
    rows = log.conn.execute("SELECT at, seconds, how FROM events WHERE kind = 'postponed'").fetchall()
    assert [(at[11:16], seconds, how) for at, seconds, how in rows] == [("09:45", 1200.0, "call")]
    assert controller.lifecycle.reminder is not None


def test_a_sleep_the_clocks_cannot_see_is_counted_from_what_the_os_said(app, clock):
    controller, log, session = app
    controller.tick()
    clock.advance(timedelta(minutes=30))
    controller.tick()
    session.sleeping()
    clock.advance(timedelta(minutes=40))  # the monotonic clock ran on (a VM, Windows)
    session.woke()
    rows = log.conn.execute("SELECT at, seconds, how FROM events WHERE kind = 'natural_break'").fetchall()
    assert [(at[11:16], seconds, how) for at, seconds, how in rows] == [("09:30", 2400.0, "suspend")]
