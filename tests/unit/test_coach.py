"""The coached routine on a fake clock: get ready, reps paced by the tempo, holds, sides, sets with
a rest between them, pause, next, back and "this hurts" (about the exercise it belongs to), with
random control sequences checked against invariants."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from deskbreak.core.coach import HURT_GRACE, PROMPTS, REST, SWITCH_SIDES, Coach, Move, Phase, timeline
from deskbreak.core.exercises import GET_READY, Dose

READY = GET_READY.total_seconds()
TUCKS = Move("chin-tucks", "Chin tucks", Dose(reps=2, tempo=(2, 3, 2)))
TWIST = Move("seated-twist", "Seated twist", Dose(hold=timedelta(seconds=10), per_side=True, sets=2))
TUCKS_TOO = Move("more-tucks", "More chin tucks", Dose(reps=1, tempo=(2, 2)))


def test_an_exercise_starts_with_get_ready_then_counts_each_rep_by_its_tempo():
    coach = Coach((TUCKS,), now=0.0)
    seen = []
    for second in range(int(READY) + 15):
        coach.tick(float(second))
        seen.append((coach.segment.phase, coach.segment.rep))
    assert seen[0] == (Phase.GET_READY, 0) and seen[int(READY) - 1] == (Phase.GET_READY, 0)
    rep_one = seen[int(READY) : int(READY) + 7]
    assert [p for p, _ in rep_one] == [Phase.MOVE] * 2 + [Phase.HOLD] * 3 + [Phase.RETURN] * 2
    assert seen[int(READY) + 7] == (Phase.MOVE, 2)
    assert coach.finished and coach.result.completed and coach.result.exercises_done == 1
    assert coach.result.active_seconds == 14.0  # get-ready is not movement


def test_a_one_sided_hold_names_each_side_with_a_switch_between_and_rests_between_its_sets():
    segments = timeline((TWIST,))
    assert [(s.phase, s.side, s.set) for s in segments] == [
        (Phase.GET_READY, None, 1),
        (Phase.HOLD, "left", 1), (Phase.REST, "left", 2), (Phase.HOLD, "left", 2),
        (Phase.SWITCH_SIDES, "right", 1),
        (Phase.HOLD, "right", 1), (Phase.REST, "right", 2), (Phase.HOLD, "right", 2),
    ]  # fmt: skip
    assert sum(s.seconds for s in segments) == READY + 40 + SWITCH_SIDES + 2 * REST


def test_sets_of_reps_rest_between_sets_and_the_rest_is_not_counted_as_movement():
    rows = Move("rows", "Rows", Dose(reps=2, tempo=(1, 1), sets=2))
    coach = Coach((rows,), now=0.0)
    assert [(s.phase, s.set, s.rep) for s in coach.segments if s.phase is not Phase.HOLD] == [
        (Phase.GET_READY, 1, 0), (Phase.MOVE, 1, 1), (Phase.MOVE, 1, 2),
        (Phase.REST, 2, 0), (Phase.MOVE, 2, 1), (Phase.MOVE, 2, 2),
    ]  # fmt: skip
    coach.tick(READY + 4 + 1)  # a second into the rest after set 1
    assert coach.segment.phase is Phase.REST and coach.remaining(READY + 5) == REST - 1
    coach.tick(READY + 4 + REST + 4)
    assert coach.finished and coach.result.completed
    assert coach.result.active_seconds == 8.0  # the rest, like get-ready, is not movement


def test_pause_stops_the_count_and_resume_carries_on_where_it_was():
    coach = Coach((TUCKS,), now=0.0)
    coach.tick(READY + 1)
    coach.pause(READY + 1)
    coach.tick(READY + 500)
    assert coach.remaining(READY + 500) == 1.0 and coach.segment.phase is Phase.MOVE
    coach.resume(READY + 500)
    coach.tick(READY + 501)
    assert coach.segment.phase is Phase.HOLD
    assert coach.result.active_seconds == 2.0


def test_next_back_and_this_hurts_move_between_exercises_and_are_recorded():
    coach = Coach((TUCKS, TWIST), now=0.0)
    coach.tick(READY + 4)
    coach.back(READY + 4)  # well into it: starts again at its get-ready
    assert coach.segment.exercise == 0 and coach.segment.phase is Phase.GET_READY
    coach.next(READY + 5)
    assert coach.segment.exercise == 1 and coach.position() == "exercise 2 of 2"
    coach.back(READY + 6)  # at its very start: back to the one before
    assert coach.segment.exercise == 0
    coach.next(READY + 7)
    coach.hurts(READY + 20)
    assert coach.finished and not coach.result.completed
    assert (
        coach.result.skipped == ["chin-tucks"] and coach.result.hurt == ["seated-twist"] and coach.result.pain
    )


def test_this_hurts_counts_to_the_exercise_under_way_once_time_has_moved_on():
    """Pressed after the first exercise ran out but before anything was redrawn, it is not
    the one still on screen that moves on: the coach catches up first and names the right one."""
    tucks_length = READY + 14
    coach = Coach((TUCKS, TWIST, TUCKS_TOO), now=0.0)
    now = tucks_length + READY + HURT_GRACE + 1  # well into the twist, never ticked meanwhile
    assert coach.segment.exercise == 0  # what a page not yet redrawn would still name
    assert coach.hurts(now) == 1
    assert coach.result.hurt == ["seated-twist"] and coach.segment.exercise == 2


def test_this_hurts_as_the_next_exercise_gets_ready_is_about_the_one_just_finished():
    tucks_length = READY + 14
    for into_next in (0.5, READY - 1, READY + HURT_GRACE - 0.5):
        coach = Coach((TUCKS, TWIST), now=0.0)
        coach.tick(tucks_length + into_next)
        assert coach.hurts(tucks_length + into_next) == 0, into_next
        assert coach.result.hurt == ["chin-tucks"] and coach.result.skipped == []
        # The twist is not skipped: it starts again from its get-ready.
        assert (coach.segment.exercise, coach.segment.phase) == (1, Phase.GET_READY)
        assert coach.remaining(tucks_length + into_next) == READY
        coach.tick(tucks_length + into_next + 100)
        assert coach.finished and coach.result.completed and coach.result.pain
        assert coach.result.done == ["chin-tucks", "seated-twist"] and coach.result.left_out == []


def test_this_hurts_well_into_an_exercise_or_after_going_back_is_about_that_one():
    tucks_length = READY + 14
    coach = Coach((TUCKS, TWIST), now=0.0)
    late = tucks_length + READY + HURT_GRACE + 0.5
    coach.tick(late)
    assert coach.hurts(late) == 1 and coach.result.hurt == ["seated-twist"] and coach.finished
    assert not coach.result.completed and coach.result.left_out == ["seated-twist"]

    first = Coach((TUCKS, TWIST), now=0.0)
    assert first.hurts(1.0) == 0 and first.result.hurt == ["chin-tucks"]  # nothing before it

    back = Coach((TUCKS, TWIST, TUCKS_TOO), now=0.0)
    back.next(1.0)
    back.next(2.0)
    back.back(3.0)  # from the third to the second: it did not follow on from the first
    assert back.hurts(4.0) == 1 and back.result.hurt == ["seated-twist"]


def test_this_hurts_pressed_twice_as_the_next_exercise_gets_ready_stops_that_one_too():
    tucks_length = READY + 14
    coach = Coach((TUCKS, TWIST), now=0.0)
    coach.tick(tucks_length + 1)
    assert coach.hurts(tucks_length + 1) == 0
    assert coach.hurts(tucks_length + 2) == 1
    assert coach.result.hurt == ["chin-tucks", "seated-twist"] and coach.finished


def test_this_hurts_just_as_the_routine_runs_out_is_about_the_last_exercise():
    coach = Coach((TUCKS,), now=0.0)
    assert coach.hurts(READY + 14 + 0.2) == 0
    assert coach.finished and coach.result.hurt == ["chin-tucks"] and coach.result.pain
    assert coach.hurts(READY + 15) is None


def test_an_accidental_next_undone_at_once_leaves_nothing_skipped():
    coach = Coach((TUCKS, TWIST), now=0.0)
    coach.next(1.0)
    assert coach.result.skipped == ["chin-tucks"]
    coach.back(2.0)  # within a second or two: back to the one before
    assert coach.segment.exercise == 0
    coach.tick(500.0)
    result = coach.result
    assert coach.finished and result.completed and result.skipped == [] and result.left_out == []
    assert result.exercises_done == 2 and result.done == ["chin-tucks", "seated-twist"]


def test_an_exercise_done_once_is_not_skipped_by_going_back_to_it_and_moving_on():
    coach = Coach((TUCKS, TWIST), now=0.0)
    coach.tick(READY + 14 + 1)  # the tucks are done
    coach.back(READY + 14 + 1)  # at the twist's very start: back to the tucks
    coach.next(READY + 14 + 2)
    assert coach.result.skipped == []
    coach.tick(500.0)
    assert coach.result.completed


@pytest.mark.parametrize("move", [TUCKS, TWIST])
def test_the_time_left_counts_down_to_zero_over_the_whole_routine(move):
    coach = Coach((move,), now=0.0)
    total = coach.routine_left(0.0)
    assert total == sum(s.seconds for s in timeline((move,)))
    coach.tick(total / 2)
    assert coach.routine_left(total / 2) == pytest.approx(total / 2)
    coach.tick(total)
    assert coach.finished and coach.routine_left(total) == 0.0


doses = st.one_of(
    st.builds(
        Dose,
        reps=st.integers(1, 4),
        tempo=st.lists(st.integers(0, 4), min_size=2, max_size=3).filter(lambda t: sum(t) > 0).map(tuple),
        per_side=st.booleans(),
        sets=st.integers(1, 2),
    ),
    st.builds(
        Dose,
        hold=st.integers(5, 20).map(lambda s: timedelta(seconds=s)),
        per_side=st.booleans(),
        sets=st.integers(1, 2),
    ),
)


class CoachMachine(RuleBasedStateMachine):
    @initialize(doses=st.lists(doses, min_size=1, max_size=4))
    def start(self, doses):
        self.moves = tuple(Move(f"m{n}", f"Move {n}", d) for n, d in enumerate(doses))
        self.now = 0.0
        self.coach = Coach(self.moves, self.now)
        self.total = sum(s.seconds for s in self.coach.segments)
        self.moving = sum(s.seconds for s in self.coach.segments if s.phase not in PROMPTS)

    @rule(seconds=st.floats(0, 30, allow_nan=False))
    def time_passes(self, seconds):
        self.now += seconds
        self.coach.tick(self.now)

    @rule()
    def pause_or_resume(self):
        if self.coach.paused_at is None:
            self.coach.pause(self.now)
        else:
            self.coach.resume(self.now)

    @rule()
    def next(self):
        self.coach.next(self.now)

    @rule()
    def back(self):
        self.coach.back(self.now)

    @rule()
    def hurts(self):
        finished = self.coach.finished
        was = set(self.coach.result.hurt)
        flagged = self.coach.hurts(self.now)
        if finished:
            assert flagged is None
        else:  # the exercise it is about is named, and only that one
            assert flagged is not None and set(self.coach.result.hurt) - was <= {self.moves[flagged].id}
            assert self.moves[flagged].id in self.coach.result.hurt

    @invariant()
    def it_always_says_where_it_is_and_never_counts_below_zero(self):
        coach = self.coach
        assert 0 <= coach.index < len(coach.segments)
        assert 0.0 <= coach.remaining(self.now) <= coach.segment.seconds
        assert 0.0 <= coach.routine_left(self.now) <= self.total
        assert coach.position().startswith(f"exercise {coach.segment.exercise + 1} of ")

    @invariant()
    def the_result_stays_within_the_routine(self):
        result = self.coach.result
        assert 0 <= result.exercises_done <= len(self.moves)
        assert set(result.skipped) | set(result.hurt) <= {m.id for m in self.moves}
        done = set(result.done)
        assert result.exercises_done == len(done) and not done & set(result.skipped)
        assert set(result.left_out) == (set(result.skipped) | set(result.hurt)) - done
        # Completed means every exercise was done, whatever was skipped or hurt on the way.
        assert result.completed <= self.coach.finished
        if self.coach.finished:
            assert result.completed == (len(done) == len(self.moves))
        # Movement counted only while moving: never more than the clock ran, and without back,
        # never more than the routine holds (back repeats an exercise on purpose).
        assert 0.0 <= result.active_seconds <= self.now + 1e-6

    def teardown(self):
        if not self.coach.finished:
            self.coach.resume(self.now)
            self.coach.tick(self.now + self.total + 1)
        assert self.coach.finished


CoachMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("DESKBREAK_MACHINE_EXAMPLES", "150")),
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCoach = CoachMachine.TestCase
