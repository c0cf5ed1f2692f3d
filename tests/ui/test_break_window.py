"""The break window plays a routine step by step; pause, skip and end work from mouse and keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from deskbreak.ui.break_window import BreakWindow


def _window(qtbot, routine, clock) -> tuple[BreakWindow, list]:
    window = BreakWindow(routine, clock, footer="Not medical advice.")
    qtbot.addWidget(window)
    window.show()
    window.timer.stop()  # the test drives time; refresh() is what the timer would call
    results: list = []
    window.break_finished.connect(results.append)
    return window, results


def test_steps_through_the_routine_on_time_and_completes(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    assert window.exercise_name.text() == "Extension"
    assert window.position.text() == "Exercise 1 of 3"
    assert window.countdown.text() == "0:10"
    assert "Sit tall." in window.cues.text()
    assert window.footer.text() == "Not medical advice."

    clock.advance(9.5)
    window.refresh()
    assert window.exercise_name.text() == "Extension" and window.countdown.text() == "0:01"
    clock.advance(0.5)
    window.refresh()
    assert window.exercise_name.text() == "Rotation"
    assert window.position.text() == "Exercise 2 of 3 · left side"
    assert window.countdown.text() == "0:20"
    clock.advance(20)
    window.refresh()
    assert window.position.text() == "Exercise 2 of 3 · right side"
    clock.advance(20)
    window.refresh()
    assert window.exercise_name.text() == "Squeeze"
    assert window.caution.isVisible() and window.caution.text() == "Gently."
    assert results == []
    clock.advance(15)
    window.refresh()
    assert window.pages.currentIndex() == 1
    assert window.done_title.text() == "Break complete"
    assert len(results) == 1
    result = results[0]
    assert result.completed and result.steps_done == 4 and result.steps_total == 4
    assert result.active.total_seconds() == 65
    # Closing the finished window logs nothing more.
    window.close()
    assert len(results) == 1


def test_pause_by_mouse_and_by_space_freezes_the_countdown(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    clock.advance(3)
    window.refresh()
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.pause_button.text() == "Resume"
    assert not window.timer.isActive()  # nothing to redraw while paused
    assert window.paused_label.isVisible()
    clock.advance(600)
    window.refresh()
    assert window.exercise_name.text() == "Extension" and window.countdown.text() == "0:07"

    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.pause_button.text() == "Pause" and not window.paused_label.isVisible()
    clock.advance(7)
    window.refresh()
    assert window.exercise_name.text() == "Rotation"

    qtbot.keyClick(window, Qt.Key.Key_Space)
    clock.advance(100)
    window.refresh()
    assert window.countdown.text() == "0:20"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert results == []


def test_skip_by_mouse_and_by_arrow_key(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    qtbot.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    assert window.position.text() == "Exercise 2 of 3 · left side"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.position.text() == "Exercise 2 of 3 · right side"
    clock.advance(20)
    window.refresh()
    assert window.exercise_name.text() == "Squeeze"
    clock.advance(15)
    window.refresh()
    assert results[0].completed and results[0].steps_skipped == 2


def test_end_button_ends_early_and_reports_how_far_it_got(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    clock.advance(15)  # first step done, 5 s into the second
    window.refresh()
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert len(results) == 1
    result = results[0]
    assert not result.completed
    assert (result.steps_done, result.steps_total) == (1, 4)
    assert result.active.total_seconds() == 15
    assert not window.isVisible()


def test_escape_ends_and_closing_the_window_counts_as_ending(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert len(results) == 1 and not results[0].completed

    other, other_results = _window(qtbot, routine, clock)
    clock.advance(12)
    other.refresh()
    other.close()
    assert len(other_results) == 1
    assert other_results[0].steps_done == 1 and not other_results[0].completed
