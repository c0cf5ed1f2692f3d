"""The routine player: countdowns, pause, skip and end, on a monotonic float time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbreak.core.player import PlayerResult, RoutinePlayer
from deskbreak.core.routines import Exercise, Focus, Routine

T0 = 5000.0  # an arbitrary monotonic start


def exercise(name: str, seconds: int, sides: bool = False) -> Exercise:
    return Exercise(name, Focus.RELEASE, timedelta(seconds=seconds), ("Breathe.",), sides)


# Steps: Arch 10 s | Turn left 20 s | Turn right 20 s | Rolls 30 s  (80 s in all)
ROUTINE = Routine(
    "test", "Test", "", (exercise("Arch", 10), exercise("Turn", 20, sides=True), exercise("Rolls", 30)), "t"
)


@pytest.fixture
def player() -> RoutinePlayer:
    return RoutinePlayer(ROUTINE, T0)


def where(player: RoutinePlayer, now: float) -> tuple[str, float]:
    player.tick(now)
    return player.current.label, round(player.remaining(now), 6)


def test_steps_advance_exactly_when_their_time_is_up(player: RoutinePlayer) -> None:
    assert where(player, T0) == ("Arch", 10)
    assert where(player, T0 + 9.999) == ("Arch", 0.001)
    assert where(player, T0 + 10) == ("Turn (left side)", 20)
    assert where(player, T0 + 29.5) == ("Turn (left side)", 0.5)
    assert where(player, T0 + 30) == ("Turn (right side)", 20)
    assert where(player, T0 + 50) == ("Rolls", 30)
    assert not player.finished
    assert player.tick(T0 + 80) is True
    assert player.result == PlayerResult(True, 4, 4, 0, timedelta(seconds=80))


def test_a_late_tick_does_not_stretch_the_routine(player: RoutinePlayer) -> None:
    """If the window was not refreshed for a while, the steps still keep their own times."""
    assert player.tick(T0 + 45) is True
    assert where(player, T0 + 45) == ("Turn (right side)", 5)
    assert player.tick(T0 + 45) is False  # nothing more changed
    player.tick(T0 + 500)
    assert player.result is not None and player.result.active == timedelta(seconds=80)


def test_tick_reports_only_real_changes(player: RoutinePlayer) -> None:
    assert player.tick(T0 + 5) is False
    assert player.tick(T0 + 10) is True
    assert player.tick(T0 + 11) is False


def test_pause_freezes_the_countdown(player: RoutinePlayer) -> None:
    player.tick(T0 + 4)
    player.pause(T0 + 4)
    assert player.paused
    assert where(player, T0 + 100) == ("Arch", 6)  # 96 s later, still 6 s to go
    player.resume(T0 + 100)
    assert where(player, T0 + 105.5) == ("Arch", 0.5)
    assert where(player, T0 + 106) == ("Turn (left side)", 20)


def test_toggle_pause(player: RoutinePlayer) -> None:
    player.toggle_pause(T0 + 2)
    assert player.paused
    player.toggle_pause(T0 + 12)
    assert not player.paused
    assert where(player, T0 + 12) == ("Arch", 8)


def test_pausing_twice_keeps_the_first_pause(player: RoutinePlayer) -> None:
    player.pause(T0 + 2)
    player.pause(T0 + 5)
    player.resume(T0 + 10)
    assert where(player, T0 + 10) == ("Arch", 8)


def test_active_time_excludes_pauses(player: RoutinePlayer) -> None:
    player.pause(T0 + 4)
    player.resume(T0 + 64)  # a 60 s pause in the first step
    player.tick(T0 + 70 + 15)
    player.pause(T0 + 85)  # 15 s into "Turn (left)"
    assert player.active_seconds(T0 + 200) == pytest.approx(25)
    player.resume(T0 + 200)
    player.tick(T0 + 1000)
    assert player.result is not None
    assert player.result.completed
    assert player.result.active == timedelta(seconds=80)


def test_skip_moves_on_at_once_and_is_counted(player: RoutinePlayer) -> None:
    player.skip(T0 + 3)
    assert where(player, T0 + 3) == ("Turn (left side)", 20)  # the next step gets its full time
    assert player.skipped == 1
    player.tick(T0 + 1000)
    assert player.result == PlayerResult(
        completed=True, steps_done=3, steps_total=4, steps_skipped=1, active=timedelta(seconds=73)
    )


def test_skipping_while_paused_moves_on_and_stays_paused(player: RoutinePlayer) -> None:
    player.pause(T0 + 3)
    player.skip(T0 + 50)
    assert player.paused
    assert where(player, T0 + 90) == ("Turn (left side)", 20)
    player.resume(T0 + 90)
    assert where(player, T0 + 100) == ("Turn (left side)", 10)
    assert player.active_seconds(T0 + 100) == pytest.approx(13)


def test_skipping_the_last_step_completes_the_routine(player: RoutinePlayer) -> None:
    player.tick(T0 + 60)
    assert player.current.label == "Rolls"
    player.skip(T0 + 60)
    assert player.finished
    assert player.result is not None
    assert player.result.completed is True
    assert player.result.steps_skipped == 1
    assert player.result.active == timedelta(seconds=60)
    assert player.remaining(T0 + 61) == 0


def test_skipping_every_step_is_not_a_completed_break(player: RoutinePlayer) -> None:
    for _ in range(4):
        player.skip(T0 + 1)
    assert player.result is not None
    assert player.result.completed is False
    assert player.result.steps_skipped == 4
    assert player.result.active == timedelta(seconds=1)


def test_end_early_counts_only_the_steps_fully_done(player: RoutinePlayer) -> None:
    result = player.end(T0 + 35)  # 5 s into "Turn (right side)"
    assert result == PlayerResult(
        completed=False, steps_done=2, steps_total=4, steps_skipped=0, active=timedelta(seconds=35)
    )
    assert player.finished
    assert player.tick(T0 + 100) is False
    assert player.end(T0 + 100) == result  # a second End changes nothing


def test_end_right_when_a_step_ran_out_counts_that_step(player: RoutinePlayer) -> None:
    """The window may not have ticked yet when End is pressed: the finished step still counts."""
    assert player.end(T0 + 10).steps_done == 1


def test_end_at_once_is_zero_steps(player: RoutinePlayer) -> None:
    assert player.end(T0) == PlayerResult(False, 0, 4, 0, timedelta())


def test_end_while_paused_does_not_count_the_pause_as_active(player: RoutinePlayer) -> None:
    player.tick(T0 + 15)
    player.pause(T0 + 15)
    result = player.end(T0 + 300)
    assert result.active == timedelta(seconds=15)
    assert result.steps_done == 1


def test_end_after_a_skip_does_not_count_the_skipped_step_as_done(player: RoutinePlayer) -> None:
    player.skip(T0 + 2)
    result = player.end(T0 + 35)  # 2 s of Arch (skipped), all of Turn (left), 3 s of Turn (right)
    assert result.steps_skipped == 1
    assert result.steps_done == 1
