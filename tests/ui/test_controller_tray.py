"""The tray menu and the controller: reminders, snooze, skip and breaks end up in the log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import FakeNotifier, FakeWakeups, make_controller
from PySide6.QtCore import QEvent
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deskbreak.core.policy import POLL_INTERVAL, Outcome
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.tray import Tray


@pytest.fixture
def parts(qtbot, routine, clock):
    break_log = BreakLog(connect(None))
    notifier = FakeNotifier()
    tray = Tray(QIcon(), "5 min")
    wakeups = FakeWakeups()
    controller = make_controller(clock, routine, break_log, tray=tray, notifier=notifier, wakeups=wakeups)
    opened: list = []
    controller.break_window_opened.connect(opened.append)
    yield controller, tray, notifier, wakeups, break_log, opened
    if controller.window is not None:
        controller.window.timer.stop()
        controller.window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _run_until(controller, wakeups, clock, until):
    """Do what the scheduler does: tick at each requested wake-up until `until`."""
    controller.tick()
    while wakeups.requests[-1] <= until:
        clock.advance(wakeups.requests[-1] - clock.now())
        controller.tick()


def test_tooltip_shows_sitting_time_and_next_break(parts, clock):
    controller, tray, notifier, wakeups, *_ = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=12, seconds=20))
    tooltip = tray.icon.toolTip()
    assert "Sitting 12 min · break at 09:45" in tooltip
    assert not tray.snooze.isEnabled() and not tray.skip.isEnabled()


def test_reminder_notifies_without_opening_or_focusing_any_window(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    visible_before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    active_before = QApplication.activeWindow()
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=45))
    assert clock.now() == clock.now().replace(hour=9, minute=45, second=0)
    assert len(notifier.shown) == 1
    title, body, actions = notifier.shown[0]
    assert "break" in title.lower() and "45 min" in body
    assert "Start break" in actions.values() and "Snooze 5 min" in actions.values()
    assert opened == []
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == visible_before
    assert QApplication.activeWindow() is active_before
    assert "time for a break" in tray.icon.toolTip()
    assert tray.snooze.isEnabled() and tray.skip.isEnabled()
    [entry] = break_log.recent()
    assert entry.outcome is Outcome.PENDING and entry.reminded


def test_snooze_and_skip_from_the_tray_menu_are_logged(parts, clock):
    controller, tray, notifier, wakeups, break_log, _ = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=45))
    tray.snooze.trigger()
    assert break_log.recent()[0].outcome is Outcome.SNOOZED
    assert "break snoozed until 09:50" in tray.icon.toolTip()
    assert notifier.withdrawn >= 1
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=5))
    assert len(notifier.shown) == 2
    tray.skip.trigger()
    snoozed, skipped = reversed(break_log.recent())
    assert (snoozed.outcome, skipped.outcome) == (Outcome.SNOOZED, Outcome.SKIPPED)
    assert "break at 10:35" in tray.icon.toolTip()


def test_take_a_break_from_the_menu_answers_the_reminder_and_logs_completion(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=45))
    clock.advance(30)
    tray.take_break.trigger()
    assert len(opened) == 1
    window = opened[0]
    window.timer.stop()
    assert window.isVisible()
    clock.advance(83)  # the whole routine as coached
    window.refresh()
    [entry] = break_log.recent()
    assert entry.outcome is Outcome.COMPLETED and entry.reminded
    assert (entry.steps_done, entry.steps_total) == (3, 3)
    assert entry.routine_id == "test"
    assert "Next break at 10:31" in window.finish_page.notes.text()
    assert "Sitting under a minute" in tray.icon.toolTip()


def test_notification_start_action_opens_the_break_window(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=45))
    notifier.action_invoked.emit("default")
    assert len(opened) == 1
    # A second request brings the same window forward instead of opening another.
    tray.take_break.trigger()
    assert len(opened) == 1
    opened[0].timer.stop()
    clock.advance(15)
    opened[0].close()
    [entry] = break_log.recent()
    assert entry.outcome is Outcome.ENDED_EARLY and entry.steps_done == 1


def test_break_started_without_reminder_is_its_own_entry(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    controller.tick()
    clock.advance(timedelta(minutes=20))
    tray.take_break.trigger()
    window = opened[0]
    window.timer.stop()
    clock.advance(83)  # the whole routine as coached
    window.refresh()
    [entry] = break_log.recent()
    assert not entry.reminded and entry.outcome is Outcome.COMPLETED
    assert entry.sitting_for == timedelta(minutes=20)


def test_quitting_from_the_menu_is_a_signal_and_shutdown_saves_state(parts, qtbot, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    controller.tick()
    with qtbot.waitSignal(controller.quit_requested, timeout=1000):
        tray.quit.trigger()
    tray.take_break.trigger()
    opened[0].timer.stop()
    clock.advance(40)
    controller.shutdown()
    [entry] = break_log.recent()
    assert entry.outcome is Outcome.ENDED_EARLY
    assert break_log.load_state() is not None


def test_recent_breaks_from_the_menu_lists_what_was_logged(parts, qtbot, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=45))
    tray.snooze.trigger()
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=5))
    tray.take_break.trigger()
    opened[0].timer.stop()
    clock.advance(83)  # the whole routine as coached
    opened[0].refresh()
    tray.history.trigger()
    window = controller.history_window
    qtbot.addWidget(window)
    assert window.isVisible()
    table = window.table
    assert table.rowCount() == 2
    newest = [table.item(0, c).text() for c in range(table.columnCount())]
    oldest = [table.item(1, c).text() for c in range(table.columnCount())]
    assert newest == ["09:50", "reminder", "completed", "test", "50 min"]
    assert oldest == ["09:45", "reminder", "snoozed", "—", "45 min"]
    assert "1 completed routine" in window.summary.text()


def test_problems_entry_is_shown_only_when_a_file_has_problems(parts, clock):
    from deskbreak.core.problems import Problem

    controller, tray, *_ = parts
    controller.tick()
    assert not tray.problems.isVisible()
    controller.problems.append(Problem("/home/me/config.toml", "not valid TOML"))
    controller.refresh_tray()
    assert tray.problems.isVisible()
    assert tray.problems.text() == "1 problem with your files…"


def test_a_new_sit_limit_moves_the_next_break_at_once(parts, clock, tmp_path):
    from deskbreak.app.configuration import load_configuration
    from deskbreak.app.paths import Paths

    controller, tray, notifier, wakeups, break_log, opened = parts
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=10))
    paths = Paths(tmp_path, tmp_path)
    paths.config_file.write_text('sit_limit = "30m"\nsnooze = "10m"\nroutine = "quick-reset"\n')
    controller.apply_configuration(load_configuration(paths), extra_problems=[])
    assert "break at 09:30" in tray.icon.toolTip()
    assert tray.snooze.text() == "Snooze 10 min"
    assert controller.routines.configured.id == "quick-reset"
    assert wakeups.requests[-1] <= clock.now() + POLL_INTERVAL

    paths.config_file.write_text('sit_limit = "never"\n')
    controller.apply_configuration(load_configuration(paths), extra_problems=[])
    assert "break at 09:45" in tray.icon.toolTip()  # the bad value falls back to 45m
    assert tray.problems.isVisible()


def test_pause_from_the_tray_holds_reminders_and_shows_until_when_then_resume(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    controller.tick()
    clock.advance(timedelta(minutes=10))
    [half_hour] = [a for a in tray.pause_menu.actions() if a.text() == "For 30 minutes"]
    half_hour.trigger()
    assert controller.policy.phase.value == "paused"
    assert "Paused until 09:40" in tray.icon.toolTip()
    assert tray.resume.isVisible() and not tray.pause_menu.menuAction().isVisible()
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=29))
    assert notifier.shown == []
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=2))  # the pause ran out
    assert controller.policy.phase.value == "sitting" and not tray.resume.isVisible()
    [until_resumed] = [a for a in tray.pause_menu.actions() if a.text() == "Until I resume"]
    until_resumed.trigger()
    _run_until(controller, wakeups, clock, clock.now() + timedelta(hours=3))
    assert notifier.shown == [] and "Paused until you resume" in tray.icon.toolTip()
    tray.resume.trigger()
    assert controller.policy.status(clock.now()).due_at == clock.now() + timedelta(minutes=45)
    [stretch] = [r for r in break_log.events.day_summaries().values()]
    assert stretch.longest_sitting_seconds == 10 * 60  # the stretch ended by the first pause


def test_a_reminder_waits_for_a_call_to_end_and_the_tooltip_says_so(parts, clock):
    controller, tray, notifier, wakeups, break_log, opened = parts
    in_call = [True]
    controller.hold = lambda: "in a call" if in_call[0] else None
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=50))
    assert notifier.shown == []
    assert "it waits until your call ends" in tray.icon.toolTip()
    assert controller.status()["reminder_waits_for"] == "in a call"
    in_call[0] = False
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=1))
    assert len(notifier.shown) == 1 and "time for a break" in tray.icon.toolTip()


def test_the_heads_up_is_a_quiet_notification_a_minute_early(parts, clock):
    from dataclasses import replace

    controller, tray, notifier, wakeups, break_log, opened = parts
    controller.policy.settings = replace(controller.policy.settings, heads_up=True)
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=44, seconds=30))
    [(title, body, actions)] = notifier.shown
    assert title == "A break in a minute" and "09:45" in body and actions == {}
    _run_until(controller, wakeups, clock, clock.now() + timedelta(minutes=1))
    assert len(notifier.shown) == 2 and notifier.shown[1][2]  # then the reminder, with its buttons
