"""The program in the running app: which routine each break plays, "Week N of 6", leaving an
exercise out, favourites, the first-run safety notice, and the finish page's goal line."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from fakes import FakeIdle, FakeNotifier, FakeWakeups
from PySide6.QtCore import QEvent
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deskbreak.app.configuration import FALLBACK, Configuration
from deskbreak.app.controller import Controller
from deskbreak.app.program_service import STATE_KEY, ProgramService
from deskbreak.app.program_windows import ProgramWindows
from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core import profile as profiles
from deskbreak.core import program as programs
from deskbreak.core.coach_view import coached_length
from deskbreak.core.policy import BreakPolicy
from deskbreak.core.safety import BUILTIN
from deskbreak.core.settings import DEFAULTS
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.tray import Tray


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return load_library(builtin_routines_dir(), tmp_path_factory.mktemp("user-routines"))


def _config(library, **settings):
    chosen = replace(DEFAULTS, **settings)
    wanted = FALLBACK if chosen.routine == "program" else chosen.routine
    return Configuration(chosen, library.routines[wanted], (), library)


@pytest.fixture
def app(qtbot, clock, library):
    made = []

    def build(log=None, **settings):
        config = _config(library, **settings)
        log = log or BreakLog(connect(None))
        tray = Tray(QIcon(), "5 min")
        controller = Controller(
            clock=clock, policy=BreakPolicy(config.policy, clock.now()), break_log=log,
            routine=config.routine, idle=FakeIdle(), notifier=FakeNotifier(), tray=tray,
            wakeups=FakeWakeups(), problems=[],
        )  # fmt: skip
        service = ProgramService(controller, tray, log, config, BUILTIN, [])
        service.windows = ProgramWindows(service)
        made.append((controller, service))
        return controller, service, log

    yield build
    for controller, service in made:
        controller.windows.close_all()
        for window in list(service.windows.open_windows):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _break(controller, clock, feedback=None):
    """Take a break and play it to the end; returns the routine played."""
    window = controller.take_break()
    assert window is not None
    window.timer.stop()
    routine = controller.playing
    clock.advance(coached_length(routine) + timedelta(seconds=1))
    window.refresh()
    if feedback:
        window.finish_page.feedback.buttons[feedback].click()
    window.close()
    clock.advance(timedelta(minutes=40))
    return routine


def test_breaks_follow_the_program_and_the_same_routine_does_not_come_twice_running(app, clock):
    controller, service, log = app()
    assert service.label() == "Week 1 of 6"
    stage = service.program.stage(programs.Track.STANDARD, 0)
    played = [_break(controller, clock).id for _ in range(4)]
    assert all(r in stage.routines or r in service.profile.favourites for r in played), played
    assert all(a != b for a, b in zip(played, played[1:], strict=False)), played
    rows = log.recent(10)
    assert [r.routine_id for r in reversed(rows)] == played  # logged as the one played


def test_the_week_moves_on_with_the_date_and_shows_in_the_tooltip_and_the_window(app, clock):
    controller, service, log = app()
    clock.advance(timedelta(days=15))
    controller.refresh_tray()
    assert "Week 3 of 6" in controller.tray.icon.toolTip()
    window = controller.take_break()
    assert window.player_page.program.text() == "Week 3 of 6"
    assert programs.decode(log.value(STATE_KEY), clock.now().date()).started == (
        clock.now().date() - timedelta(days=15)
    )  # the start date was kept, not re-made each time


def test_an_exercise_left_out_after_it_hurt_never_comes_back(app, clock):
    controller, service, log = app()
    window = controller.take_break()
    window.timer.stop()
    first = window.items[0].move.id
    controller.windows.skip_in_future.emit(first)
    assert first in profiles.decode(log.value(profiles.KEY)).skipped
    window.close()
    for _ in range(12):
        clock.advance(timedelta(days=3))
        routine = service.pick()
        assert routine is not None and first not in routine.exercise_ids


def test_the_safety_notice_comes_once_on_first_run_and_sets_the_track(app, clock):
    controller, service, log = app()
    service.first_run()
    [notice] = service.windows.open_windows
    assert notice.isVisible() and notice.first_run
    chosen = profiles.Profile(cares=frozenset({profiles.Care.OSTEOPOROSIS}), safety_seen=True)
    notice.profile_chosen.emit(chosen)
    notice.close()
    assert profiles.decode(log.value(profiles.KEY)).cares == chosen.cares
    assert service.state.track is programs.Track.GENTLE
    # The next start (same history): no notice, and the profile is in force.
    _, again, _ = app(log=log)
    again.first_run()
    assert again.windows.open_windows == [] and again.profile.cares == chosen.cares
    routine = again.pick()
    library = again.config.library.exercises
    assert routine is not None
    assert all(library[i].care.get(profiles.Care.OSTEOPOROSIS) != "skip" for i in routine.exercise_ids)


def test_the_chooser_lists_what_suits_marks_todays_pick_and_keeps_favourites(app, clock):
    controller, service, log = app()
    rows = service.windows.chooser_rows()
    assert sum(r.today for r in rows) == 1
    assert "band-strength" not in {r.id for r in rows}  # no band declared
    service.favourite("quick-reset", True)
    rows = service.windows.chooser_rows()
    assert rows[0].id == "quick-reset" and rows[0].favourite
    service._save_profile(replace(service.profile, has_band=True))
    assert "band-strength" in {r.id for r in service.windows.chooser_rows()}
    service.windows._start_chosen("standing-reset")
    assert controller.playing.id == "standing-reset" and controller.lifecycle.on_break


def test_a_routine_named_in_the_settings_is_played_made_to_suit_and_the_program_stays_quiet(app, clock):
    controller, service, log = app(routine="quick-reset")
    assert service.label() == "" and not service.active
    assert _break(controller, clock).id == "quick-reset"
    assert "Week" not in controller.tray.icon.toolTip()


def test_the_finish_page_counts_todays_breaks_against_the_goal(app, clock):
    controller, service, log = app(daily_goal=2)
    window = controller.take_break()
    window.timer.stop()
    clock.advance(coached_length(controller.playing) + timedelta(seconds=1))
    window.refresh()
    assert "1 of 2 breaks today." in window.finish_page.notes.text()
    window.close()
    clock.advance(timedelta(minutes=40))
    window = controller.take_break()
    window.timer.stop()
    clock.advance(coached_length(controller.playing) + timedelta(seconds=1))
    window.refresh()
    assert "2 of 2 breaks today: goal met." in window.finish_page.notes.text()


def test_the_goal_line_and_the_program_week_speak_the_installed_translation(app, clock, pseudo_translated):
    controller, service, log = app(daily_goal=1)
    assert service.label() == "⟦Week 1 of 6⟧" and "⟦Week 1 of 6⟧" in controller.tray.icon.toolTip()
    window = controller.take_break()
    window.timer.stop()
    assert window.player_page.program.text().startswith("⟦Week 1 of 6⟧")
    clock.advance(coached_length(controller.playing) + timedelta(seconds=1))
    window.refresh()
    assert "⟦1 of 1 break today: goal met.⟧" in window.finish_page.notes.text()


def test_too_hard_holds_the_stage_and_the_menu_offers_to_move_on_when_easy(app, clock):
    controller, service, log = app()
    clock.advance(timedelta(days=15))  # week 3
    _break(controller, clock, feedback="too_hard")
    held = service.progress()
    assert held.held and held.week < 3
    window = controller.take_break()
    window.timer.stop()
    clock.advance(coached_length(controller.playing) + timedelta(seconds=1))
    window.refresh()
    assert "Staying with easier routines" in window.finish_page.notes.text()
    window.finish_page.feedback.buttons["too_easy"].click()
    window.close()
    clock.advance(timedelta(minutes=40))
    _break(controller, clock, feedback="too_easy")
    service._refresh_menu()
    assert service.menu.next_stage.isVisible() == service.progress().suggest_move_on
    before = service.progress().stage
    service.menu.next_stage.trigger()
    assert service.progress().stage >= before
    service.menu.start_again.trigger()
    assert service.label() == "Week 1 of 6"
    service.menu.track_actions[programs.Track.GENTLE].trigger()
    assert programs.decode(log.value(STATE_KEY), clock.now().date()).track is programs.Track.GENTLE


def test_a_history_file_locked_at_start_never_resets_the_program_or_forgets_cautions(app, clock, library):
    stored = BreakLog(connect(None))
    month_ago = clock.now().date() - timedelta(days=30)
    stored.set_value(STATE_KEY, programs.ProgramState(month_ago, programs.Track.GENTLE).encode())
    cares = frozenset({profiles.Care.PREGNANCY})
    stored.set_value(profiles.KEY, profiles.Profile(cares=cares, safety_seen=True).encode())
    reachable = [False]
    real = stored.stored_value
    stored.stored_value = lambda key: real(key) if reachable[0] else None  # the file is locked
    controller, service, log = app(log=stored)
    service.first_run()
    assert not service.loaded and service.windows.open_windows == []  # no notice, nothing saved
    assert programs.decode(real(STATE_KEY)[0], clock.now().date()).started == month_ago
    reachable[0] = True
    assert service.progress().week == 5 and service.profile.cares == cares
    assert service.state.track is programs.Track.GENTLE and service.windows.open_windows == []


def test_a_pinned_routine_the_cautions_rule_out_is_never_played_as_written(app, clock):
    controller, service, log = app(routine="upper-back-basics")
    cares = frozenset({profiles.Care.RECENT_SURGERY})
    service._save_profile(replace(service.profile, cares=cares, safety_seen=True))
    library = service.config.library.exercises
    for _ in range(3):
        routine = _break(controller, clock)
        assert routine.exercises, routine
        for exercise_id in routine.exercise_ids:
            assert library[exercise_id].care.get(profiles.Care.RECENT_SURGERY) != "skip", exercise_id


def test_left_out_exercises_are_listed_in_the_program_menu_and_can_come_back(app, clock):
    controller, service, log = app()
    service.leave_out("chin-tucks")
    service.leave_out("My own exercise")  # from a written-out routine: no id to leave out
    assert service.profile.skipped == {"chin-tucks"}
    service._refresh_menu()
    [bring] = service.menu.left_out.actions()
    assert bring.text() == "Bring back Chin tucks" or bring.text().startswith("Bring back ")
    bring.trigger()
    assert profiles.decode(log.value(profiles.KEY)).skipped == frozenset()
    service._refresh_menu()
    assert not service.menu.left_out.menuAction().isVisible()


def test_one_safety_notice_at_a_time_and_saving_it_keeps_what_changed_meanwhile(app, clock):
    controller, service, log = app()
    service.windows.open_safety(first_run=False)
    service.windows.open_safety(first_run=False)
    [notice] = service.windows.open_windows
    service.leave_out("chin-tucks")  # while the notice is open
    notice.profile_chosen.emit(replace(notice.profile, has_band=True))
    notice.close()
    saved = profiles.decode(log.value(profiles.KEY))
    assert saved.has_band and saved.skipped == {"chin-tucks"}


def test_a_reminder_that_was_skipped_does_not_decide_a_later_break(app, clock):
    controller, service, log = app(sit_limit=timedelta(minutes=30))
    controller.tick()
    clock.advance(timedelta(minutes=31))
    controller.tick()
    assert controller.routines.offered is not None
    offered = controller.routines.offered.id
    controller.skip()
    assert controller.routines.offered is None
    clock.advance(timedelta(days=1))  # the next morning: the program turns to another routine
    expected = service.pick().id
    assert expected != offered
    assert controller.take_break() is not None and controller.playing.id == expected


def test_the_status_for_the_command_line_stays_english_under_a_translation(app, clock, pseudo_translated):
    import json

    controller, service, log = app()
    status = controller.status()  # what `deskbreak status`, --json and waybar are given
    assert "⟦Week 1 of 6⟧" in controller.tray.icon.toolTip() and status["program"] == "Week 1 of 6"
    assert "⟦" not in json.dumps(status, ensure_ascii=False)
