"""The break window coaches a routine: get ready, the count, sides, sets with a rest between,
pause / back / next / end from mouse and keyboard, the input guard, "this hurts" (about the right
exercise, and "leave it out" kept however the page is left), a finish page that closes by itself
unless the user engages, what a screen reader hears, and no redrawing while minimized."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QWidget
from widget_checks import DARK, LIGHT, close, contrast, rendered_colours, unnamed_controls

from deskbreak.core.coach import HURT_GRACE, REST, SWITCH_SIDES
from deskbreak.core.dose import Dose
from deskbreak.core.exercises import GET_READY
from deskbreak.core.routines import Exercise, Focus, Routine
from deskbreak.ui.break_pacing import CALM_MS, INPUT_GUARD, UNSEEN_MS
from deskbreak.ui.break_window import BreakWindow
from deskbreak.ui.finish_page import AFTER_FEEDBACK, CLOSES_AFTER

READY = GET_READY.total_seconds()


def _window(qtbot, routine, clock, **kwargs) -> tuple[BreakWindow, list]:
    window = BreakWindow(routine, clock, footer="Not medical advice.", **kwargs)
    qtbot.addWidget(window)
    window.show()
    window.timer.stop()  # the test drives time; refresh() is what the timer would call
    window._opened_at = clock.monotonic() - INPUT_GUARD  # as if open a second: keys count
    results: list = []
    window.break_finished.connect(results.append)
    return window, results


def _at(window, clock, seconds: float) -> None:
    clock.advance(seconds)
    window.refresh()


def test_each_exercise_starts_with_get_ready_then_counts_and_names_the_sides(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    page = window.player_page
    assert page.exercise_name.text() == "Extension" and page.position.text() == "Exercise 1 of 3"
    assert page.instruction.text() == "Get ready" and page.detail.text() == "Starting in 5"
    assert "Sit tall." in page.cues.text() and page.footer.text() == "Not medical advice."
    _at(window, clock, READY)
    assert page.instruction.text() == "Hold" and page.ring.count == "10" and page.ring.unit == "seconds"
    _at(window, clock, 9.5)
    assert page.ring.count == "1"
    _at(window, clock, 0.5 + READY)
    assert page.exercise_name.text() == "Rotation" and page.detail.text() == "Left side · hold 20 s"
    _at(window, clock, 20)
    assert page.instruction.text() == "Switch to the right side"
    _at(window, clock, SWITCH_SIDES)
    assert page.detail.text() == "Right side · hold 20 s"
    _at(window, clock, 20 + READY)
    assert page.exercise_name.text() == "Squeeze" and results == []
    _at(window, clock, 15)
    assert window.pages.currentWidget() is window.finish_page
    assert window.finish_page.title.text() == "Break complete"
    [result] = results
    assert result.completed and (result.steps_done, result.steps_total) == (3, 3)
    assert result.active.total_seconds() == 65 and not result.pain
    window.close()
    assert len(results) == 1  # closing the finished window logs nothing more


def test_a_library_exercise_counts_reps_by_its_tempo_with_its_breathing_cue(qtbot, library_routine, clock):
    routine, library = library_routine
    window, _ = _window(qtbot, routine, clock, library=library)
    page = window.player_page
    first = library[routine.exercise_ids[0]]
    assert first.breathing in page.cues.text()
    window.coach.next(clock.monotonic())  # to the seated twist: 4 reps, each side
    window.refresh()
    _at(window, clock, READY)
    assert page.instruction.text().startswith("Turn · ") and page.ring.count == "1"
    assert page.ring.unit == "of 4" and page.detail.text() == "Left side · rep 1 of 4"


def test_pause_by_mouse_and_by_space_freezes_the_count(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    page = window.player_page
    _at(window, clock, READY + 3)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert page.pause_button.text() == "Resume" and page.instruction.text() == "Paused"
    assert not window.timer.isActive()  # nothing to redraw while paused
    _at(window, clock, 600)
    assert page.exercise_name.text() == "Extension" and page.ring.count == "7"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.pause_button.text() == "Pause" and page.instruction.text() == "Hold"
    assert window.timer.isActive()
    _at(window, clock, 7)
    assert page.exercise_name.text() == "Rotation" and results == []


def test_next_and_back_by_mouse_and_arrow_keys(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    page = window.player_page
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.exercise_name.text() == "Rotation"
    qtbot.keyClick(window, Qt.Key.Key_Left)  # at its very start: back to the one before
    assert page.exercise_name.text() == "Extension"
    _at(window, clock, READY + 4)
    qtbot.keyClick(window, Qt.Key.Key_Left)  # well into it: starts it again
    assert page.exercise_name.text() == "Extension" and page.instruction.text() == "Get ready"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert page.exercise_name.text() == "Squeeze"
    _at(window, clock, READY + 15)
    assert results[0].steps_skipped == 2 and not results[0].completed


def test_a_next_pressed_by_mistake_and_undone_at_once_leaves_the_break_complete(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    page = window.player_page
    _at(window, clock, 1)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert page.exercise_name.text() == "Rotation"
    _at(window, clock, 2)
    qtbot.keyClick(window, Qt.Key.Key_Left)  # within a couple of seconds: back to the one before
    assert page.exercise_name.text() == "Extension" and page.instruction.text() == "Get ready"
    _at(window, clock, READY + 10 + READY + 20 + SWITCH_SIDES + 20 + READY + 15)
    [result] = results
    assert result.completed and result.steps_skipped == 0 and result.steps_done == 3
    assert window.finish_page.title.text() == "Break complete"
    assert "skipped" not in window.finish_page.done.text()


def test_end_button_and_escape_end_early_and_report_how_far_it_got(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    _at(window, clock, READY + 10 + READY + 5)
    qtbot.mouseClick(window.player_page.end_button, Qt.MouseButton.LeftButton)
    [result] = results
    assert not result.completed and (result.steps_done, result.steps_total) == (1, 3)
    assert result.active.total_seconds() == 15 and not window.isVisible()

    other, other_results = _window(qtbot, routine, clock)
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert len(other_results) == 1 and not other.isVisible()


def test_keys_in_the_first_second_are_ignored_so_typing_is_not_swallowed(qtbot, routine, clock):
    window = BreakWindow(routine, clock)
    qtbot.addWidget(window)
    window.show()
    window.timer.stop()
    clock.advance(INPUT_GUARD / 2)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Escape):
        qtbot.keyClick(window, key)
    assert window.isVisible() and window.coach.paused_at is None and window.coach.segment.exercise == 0
    clock.advance(INPUT_GUARD / 2)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.coach.segment.exercise == 1


def test_this_hurts_stops_the_exercise_flags_pain_and_offers_to_leave_it_out(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    left_out: list[str] = []
    window.skip_in_future.connect(left_out.append)
    _at(window, clock, READY + 2)
    qtbot.mouseClick(window.player_page.hurt_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.hurt_page
    _at(window, clock, 120)  # the routine waits while the advice is read
    assert window.coach.paused_at is not None
    panel = window.hurt_page.panel
    assert panel.title.text() == "Stopped: Extension"
    panel.leave_out.setChecked(True)
    panel.carry_on_button.click()
    assert left_out == ["Extension"]
    assert window.player_page.exercise_name.text() == "Rotation"
    _at(window, clock, READY + 20 + SWITCH_SIDES + 20 + READY + 15)
    [result] = results
    assert result.pain and result.hurt == ("Extension",) and not result.completed
    assert "stopped: it hurt" in window.finish_page.done.text()


def test_this_hurts_names_the_exercise_under_way_even_before_the_page_caught_up(qtbot, routine, clock):
    """The extension ran out and the rotation is well under way, but nothing was redrawn yet:
    the page and the coach both name the rotation, and the routine goes on to the squeeze."""
    window, results = _window(qtbot, routine, clock)
    clock.advance(READY + 10 + READY + HURT_GRACE + 2)  # no refresh: the page still says Extension
    assert window.player_page.exercise_name.text() == "Extension"
    qtbot.mouseClick(window.player_page.hurt_button, Qt.MouseButton.LeftButton)
    assert window.hurt_page.panel.title.text() == "Stopped: Rotation"
    window.hurt_page.panel.carry_on_button.click()
    assert window.player_page.exercise_name.text() == "Squeeze"
    _at(window, clock, READY + 15)
    [result] = results
    assert result.hurt == ("Rotation",) and result.steps_skipped == 1 and not result.completed


def test_this_hurts_as_the_next_exercise_gets_ready_is_about_the_one_just_done(qtbot, routine, clock):
    window, results = _window(qtbot, routine, clock)
    left_out: list[str] = []
    window.skip_in_future.connect(left_out.append)
    page = window.player_page
    _at(window, clock, READY + 10 + 1)  # the extension is done; the rotation gets ready
    assert page.exercise_name.text() == "Rotation" and page.instruction.text() == "Get ready"
    qtbot.mouseClick(page.hurt_button, Qt.MouseButton.LeftButton)
    panel = window.hurt_page.panel
    assert panel.title.text() == "Stopped: Extension"
    panel.leave_out.setChecked(True)
    _at(window, clock, 60)  # reading the advice
    panel.carry_on_button.click()
    assert left_out == ["Extension"]
    # The rotation is not skipped: it gets ready again from the start.
    assert page.exercise_name.text() == "Rotation" and page.detail.text() == "Starting in 5"
    _at(window, clock, READY + 20 + SWITCH_SIDES + 20 + READY + 15)
    [result] = results
    assert result.pain and result.hurt == ("Extension",) and result.steps_skipped == 0
    assert result.steps_done == 3 and result.completed
    assert "✓ but it hurt" in window.finish_page.done.text()


@pytest.mark.parametrize("how", ["escape", "end button", "closed"])
def test_a_ticked_leave_it_out_counts_however_the_hurt_page_is_left(qtbot, routine, clock, how):
    window, results = _window(qtbot, routine, clock)
    left_out: list[str] = []
    window.skip_in_future.connect(left_out.append)
    _at(window, clock, READY + 2)
    qtbot.mouseClick(window.player_page.hurt_button, Qt.MouseButton.LeftButton)
    window.hurt_page.panel.leave_out.setChecked(True)
    if how == "escape":
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    elif how == "end button":
        window.hurt_page.panel.end_button.click()
    else:  # the app closes it (the screen locked, the app quit...)
        window.close()
    assert not window.isVisible() and len(results) == 1
    assert left_out == ["Extension"]  # once, not once per way out
    window.close()
    assert left_out == ["Extension"]


def test_an_unticked_leave_it_out_leaves_nothing_out_when_the_window_closes(qtbot, routine, clock):
    window, _ = _window(qtbot, routine, clock)
    left_out: list[str] = []
    window.skip_in_future.connect(left_out.append)
    _at(window, clock, READY + 2)
    qtbot.mouseClick(window.player_page.hurt_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and left_out == []


def test_the_finish_page_closes_by_itself_unless_the_user_engages(qtbot, routine, clock):
    window, _ = _window(qtbot, routine, clock)
    window.coach.end(clock.monotonic())
    window.refresh()
    window.add_note("That's 2 of 4 breaks today.")
    assert "2 of 4 breaks today" in window.finish_page.notes.text()
    for _ in range(CLOSES_AFTER - 1):
        window._second_passed()
    assert window.isVisible() and window.finish_page.countdown.text() == "Closes in 1 s"
    window._second_passed()
    assert not window.isVisible()

    stays, _ = _window(qtbot, routine, clock)
    stays.coach.end(clock.monotonic())
    stays.refresh()
    assert stays.closing.isActive()
    qtbot.keyClick(stays, Qt.Key.Key_Down)  # a real key: the user is reading it
    assert not stays.closing.isActive()  # the countdown no longer ticks
    for _ in range(CLOSES_AFTER + 5):
        stays._second_passed()
    assert stays.isVisible() and stays.finish_page.countdown.text() == ""

    rated, _ = _window(qtbot, routine, clock)
    rated.coach.end(clock.monotonic())
    rated.refresh()
    qtbot.mouseClick(rated.finish_page, Qt.MouseButton.LeftButton)  # engaged: the countdown stops
    assert not rated.closing.isActive() and rated.finish_page.countdown.text() == ""
    qtbot.mouseClick(rated.finish_page.feedback.buttons["about_right"], Qt.MouseButton.LeftButton)
    assert rated.closing.isActive() and rated.finish_page.countdown.text() == f"Closes in {AFTER_FEEDBACK} s"
    for _ in range(AFTER_FEEDBACK):
        rated._second_passed()
    assert not rated.isVisible()


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Meta], ids=lambda k: k.name
)
def test_a_bare_modifier_such_as_the_alt_of_alt_tab_does_not_stop_the_countdown(qtbot, routine, clock, key):
    window, _ = _window(qtbot, routine, clock)
    window.coach.end(clock.monotonic())
    window.refresh()
    qtbot.keyClick(window, key)
    assert window.closing.isActive() and window.finish_page.countdown.text() == f"Closes in {CLOSES_AFTER} s"
    for _ in range(CLOSES_AFTER):
        window._second_passed()
    assert not window.isVisible()


def test_sound_cues_mark_the_count_starting_new_exercises_and_the_end(qtbot, routine, clock):
    played: list[str] = []
    window, _ = _window(qtbot, routine, clock, sound=played.append)
    for _ in range(int(READY + 10 + READY + 20 + SWITCH_SIDES + 20 + READY + 15) + 1):
        _at(window, clock, 1)
    assert played == ["go", "ready", "go", "ready", "go", "ready", "go", "done"]


SETS = Routine(
    "sets",
    "Sets",
    "",
    (
        Exercise("Backrest hold", Focus.EXTENSION, timedelta(seconds=10), ("Lean back.",)),
        Exercise("Rows", Focus.SHOULDER_BLADES, timedelta(seconds=10), ("Squeeze.",)),
    ),
    "sets.toml",
    doses=(Dose(hold=timedelta(seconds=10), sets=2), Dose(reps=2, tempo=(1, 1), sets=2)),
)


def test_between_sets_it_says_to_let_go_and_rest_and_a_sound_starts_the_next_set(qtbot, clock):
    played: list[str] = []
    window, results = _window(qtbot, SETS, clock, sound=played.append)
    page = window.player_page
    _at(window, clock, READY)
    assert page.instruction.text() == "Hold" and played == ["go"]
    _at(window, clock, 10)
    assert page.instruction.text() == "Release · rest" and page.detail.text() == "Set 2 of 2 next"
    assert page.ring.count == str(int(REST)) and played == ["go"]
    _at(window, clock, REST)
    assert page.instruction.text() == "Hold" and page.detail.text() == "Hold 10 s · set 2 of 2"
    assert played == ["go", "go"]  # the second set starts on a sound, as the first did
    _at(window, clock, 10)
    _at(window, clock, READY)
    _at(window, clock, 4)  # the rows' first set: two reps of two seconds
    assert page.instruction.text() == "Rest" and page.exercise_name.text() == "Rows"
    _at(window, clock, REST)
    assert page.instruction.text().startswith("Squeeze") and page.detail.text() == "Rep 1 of 2 · set 2 of 2"
    assert played == ["go", "go", "ready", "go", "go"]
    _at(window, clock, 4)
    [result] = results
    assert result.completed and result.active.total_seconds() == 10 + 10 + 4 + 4  # rests not counted


def test_minimized_it_stops_redrawing_and_shown_again_it_is_where_the_coach_is(qtbot, routine, clock):
    played: list[str] = []
    window, results = _window(qtbot, routine, clock, sound=played.append)
    page = window.player_page
    _at(window, clock, READY + 1)
    assert window.timer.isActive() and window.timer.interval() <= CALM_MS and page.ring.count == "9"
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert window.out_of_sight()
    assert window.timer.interval() == UNSEEN_MS  # a second, not 10-30 wake-ups a second
    _at(window, clock, 5)
    assert page.ring.count == "9"  # nothing drawn meanwhile
    _at(window, clock, 3.75)
    assert window.timer.interval() == 251  # it wakes as the extension ends, for the next cue
    _at(window, clock, 0.25)
    assert played == ["go", "ready"]  # the cues still sound while minimized
    _at(window, clock, READY)
    assert played == ["go", "ready", "go"] and page.exercise_name.text() == "Extension"
    assert window.timer.interval() == UNSEEN_MS
    clock.advance(3)
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())
    # Drawn at once, just where the coach is: 3 s into the rotation's first 20 s hold.
    assert page.exercise_name.text() == "Rotation" and page.ring.count == "17"
    assert window.timer.isActive() and window.timer.interval() <= CALM_MS
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    _at(window, clock, 17 + SWITCH_SIDES + 20 + READY + 15)  # the routine ends while minimized
    [result] = results
    assert result.completed and played[-1] == "done" and not window.timer.isActive()


def test_the_layout_never_jumps_whatever_is_shown(qtbot, library_routine, clock):
    routine, library = library_routine
    window, _ = _window(qtbot, routine, clock, library=library)
    window.resize(640, 760)
    page = window.player_page
    watched = [page.exercise_name, page.instruction, page.detail, page.ring, page.figure, page.cues]
    watched += [page.pause_button, page.next_button, page.hurt_button, page.end_button, page.position]

    def geometry():
        return [(w.mapTo(window, w.rect().topLeft()), w.size()) for w in watched]

    first = geometry()
    while not window.coach.finished:
        _at(window, clock, 0.7)
        if window.pages.currentWidget() is page:
            assert geometry() == first, page.instruction.text()
        if window.coach.segment.exercise == 1 and window.coach.paused_at is None:
            window.toggle_pause()
            assert geometry() == first
            window.toggle_pause()


def test_a_window_dropped_by_python_is_collected_without_crashing():
    """A reference cycle through the window (e.g. a dict of its bound methods) made PySide6
    crash when the garbage collector broke it; run where a crash cannot take pytest down."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import gc
        from datetime import timedelta
        from PySide6.QtWidgets import QApplication
        from deskbreak.core.clock import SystemClock
        from deskbreak.core.routines import Exercise, Focus, Routine
        from deskbreak.ui.break_window import BreakWindow
        app = QApplication([])
        moves = (Exercise("A", Focus.EXTENSION, timedelta(seconds=10), ("a",)),)
        for closed in (False, True):
            window = BreakWindow(Routine("r", "R", "", moves, "r.toml"), SystemClock())
            window.show()
            app.processEvents()
            if closed:
                window.close()
            del window
            gc.collect()
        print("collected")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "collected", done.stderr[-1500:]


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_page_follows_the_palette_with_readable_text(qtbot, library_routine, clock, colours):
    routine, library = library_routine
    window, _ = _window(qtbot, routine, clock, library=library)
    window.resize(640, 760)
    _at(window, clock, READY + 1.5)  # mid-movement
    for page in (window.player_page, window.hurt_page, window.finish_page):
        window.pages.setCurrentWidget(page)
        background, ink = rendered_colours(window, colours)
        assert close(background, QColor(colours["window"])), (page, background.name())
        assert contrast(background, ink) >= 7, (page, background.name(), ink.name())
    window.pages.setCurrentWidget(window.player_page)
    image = window.player_page.figure.grab().toImage()
    figure = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert QColor(colours["highlight"]).name() in figure  # the moving part is drawn in the accent


def test_every_control_has_an_accessible_name(qtbot, library_routine, clock):
    routine, library = library_routine
    window, _ = _window(qtbot, routine, clock, library=library)
    assert unnamed_controls(window) == []
    page = window.player_page
    assert page.figure.accessibleName() and page.figure.accessibleDescription()
    assert page.ring.accessibleDescription() == "5 seconds"


def _heard(widget: QWidget) -> str:
    """What an accessibility client (a screen reader) reads as the widget's name."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_a_screen_reader_hears_what_the_labels_say_as_it_changes(qtbot, routine, clock):
    window, _ = _window(qtbot, routine, clock)
    page = window.player_page
    for _ in range(3):
        for shown in (page.exercise_name, page.instruction, page.detail):
            assert shown.text() and _heard(shown) == shown.text()
        _at(window, clock, READY)  # get ready, then the hold, then the next exercise
    assert "Sit tall." not in _heard(page.cues) and "Turn." in _heard(page.cues)
    window.coach.end(clock.monotonic())
    window.refresh()
    window.add_note("That's 2 of 4 breaks today.")
    finish = window.finish_page
    assert _heard(finish.title) == finish.title.text() == "Break ended"
    assert "Extension" in _heard(finish.done) and _heard(finish.notes) == "That's 2 of 4 breaks today."
