"""What the player shows, second by second on a fake clock: the words, counts and times on screen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.coach import REST, Coach, Phase, timeline
from deskbreak.core.coach_view import coached, coached_length, frame, player_result
from deskbreak.core.dose import Dose
from deskbreak.core.exercises import GET_READY
from deskbreak.core.routines import Exercise, Focus, Routine

READY = GET_READY.total_seconds()
LIBRARY = load_library(builtin_routines_dir(), Path("/nonexistent-user-folder"))
OLD_FORM = Routine(
    "old",
    "Old",
    "",
    (
        Exercise("Arch", Focus.EXTENSION, timedelta(seconds=30), ("Sit tall.",)),
        Exercise("Turn", Focus.ROTATION, timedelta(seconds=20), ("Turn.",), sides=True, caution="Slowly."),
    ),
    "old.toml",
)


def test_an_older_routine_file_plays_each_exercise_as_a_timed_hold():
    items = coached(OLD_FORM)
    assert [(i.move.title, i.move.dose.hold, i.move.dose.per_side) for i in items] == [
        ("Arch", timedelta(seconds=30), False),
        ("Turn", timedelta(seconds=20), True),
    ]
    assert items[1].caution == "Slowly."
    # get ready + 30 s, get ready + 20 s + switching sides + 20 s
    assert coached_length(OLD_FORM) == timedelta(seconds=READY + 30 + READY + 20 + 3 + 20)


SETS = Routine(
    "sets",
    "Sets",
    "",
    (
        Exercise("Backrest hold", Focus.EXTENSION, timedelta(seconds=10), ("Lean back.",)),
        Exercise("Rows", Focus.SHOULDER_BLADES, timedelta(seconds=10), ("Squeeze.",)),
    ),
    "sets.toml",
    doses=(Dose(hold=timedelta(seconds=10), per_side=True, sets=2), Dose(reps=2, tempo=(1, 1), sets=2)),
)


def test_between_sets_the_screen_says_to_let_go_and_rest_before_the_next_set():
    items = coached(SETS)
    coach = Coach(tuple(i.move for i in items), 0.0)
    seen = []
    t = 0.0
    while not coach.finished:
        shown = frame(coach, items, t)
        seen.append((shown.exercise, shown.instruction, shown.detail, shown.count))
        t += 1.0
        coach.tick(t)
    hold_rests = [s for s in seen if s[0] == 0 and s[1] == "Release · rest"]
    assert [s[2:] for s in hold_rests] == [
        ("Left side · set 2 of 2 next", "3"), ("Left side · set 2 of 2 next", "2"),
        ("Left side · set 2 of 2 next", "1"),
        ("Right side · set 2 of 2 next", "3"), ("Right side · set 2 of 2 next", "2"),
        ("Right side · set 2 of 2 next", "1"),
    ]  # fmt: skip
    after = seen[seen.index(hold_rests[2]) + 1]
    assert after[1:3] == ("Hold", "Left side · hold 10 s · set 2 of 2")
    rep_rests = [s for s in seen if s[0] == 1 and s[1] == "Rest"]
    assert [s[2] for s in rep_rests] == ["Set 2 of 2 next"] * int(REST)
    # The rests are part of the length as coached, and of the time left shown at the start.
    hold = READY + 10 + REST + 10 + 3 + 10 + REST + 10
    assert coached_length(SETS) == timedelta(seconds=hold + READY + 4 + REST + 4)
    assert frame(Coach(tuple(i.move for i in items), 0.0), items, 0.0).time_left == "1:10 left"


def test_a_library_routine_keeps_each_dose_as_overridden_and_the_library_texts():
    routine = LIBRARY.routines["upper-back-basics"]
    items = coached(routine, LIBRARY.exercises)
    twist = items[routine.exercise_ids.index("seated-twist")]
    assert twist.move.dose.reps == 4  # the routine's own override, not the library default
    assert twist.breathing == LIBRARY.exercises["seated-twist"].breathing
    assert not any(c.startswith("Dose:") for i in items for c in i.cues)
    assert all(i.posture for i in items)


@pytest.mark.parametrize("name", sorted(LIBRARY.routines))
def test_every_shipped_routine_lasts_one_to_five_minutes_as_coached(name):
    routine = LIBRARY.routines[name]
    length = coached_length(routine)
    moves = tuple(i.move for i in coached(routine, LIBRARY.exercises))
    assert length.total_seconds() == sum(s.seconds for s in timeline(moves))
    assert timedelta(minutes=1) <= length <= timedelta(minutes=5, seconds=30), length


def test_the_words_on_screen_follow_the_tempo_of_each_rep():
    routine = LIBRARY.routines["upper-back-basics"]
    items = coached(routine, LIBRARY.exercises)
    index = routine.exercise_ids.index("seated-twist")
    coach = Coach(tuple(i.move for i in items), 0.0)
    while coach.segment.exercise < index:
        coach.next(0.0)
    tempo = items[index].move.dose.tempo
    seen = []
    t = 0.0
    while coach.segment.exercise == index and coach.segment.rep <= 1:
        shown = frame(coach, items, t)
        seen.append((shown.instruction, shown.count, shown.unit, shown.detail))
        t += 1.0
        coach.tick(t)
    assert seen[0] == ("Get ready", "5", "seconds", "Starting in 5")
    first_rep = [s for s in seen if s[3] == "Left side · rep 1 of 4"]
    assert first_rep[0][0] == f"Turn · {tempo[0]} s" and first_rep[0][1:3] == ("1", "of 4")
    assert [s[0] for s in first_rep].count("Hold") == tempo[1]
    assert first_rep[-1][0] == f"Back to the start · {tempo[2]} s"


def test_time_left_and_position_count_down_over_the_routine():
    items = coached(OLD_FORM)
    coach = Coach(tuple(i.move for i in items), 0.0)
    assert frame(coach, items, 0.0).time_left == "1:23 left"
    assert frame(coach, items, 0.0).position == "Exercise 1 of 2"
    coach.tick(READY + 30)
    shown = frame(coach, items, READY + 30)
    assert shown.position == "Exercise 2 of 2" and shown.time_left == "0:48 left"
    coach.pause(READY + 31)
    paused = frame(coach, items, READY + 500)
    assert paused.paused and paused.time_left == "0:47 left"


def test_the_result_for_the_log_counts_exercises_and_carries_the_pain_flag():
    items = coached(OLD_FORM)
    coach = Coach(tuple(i.move for i in items), 0.0)
    coach.tick(READY + 10)
    coach.hurts(READY + 10)
    coach.tick(500.0)
    result = player_result(coach)
    assert (result.steps_done, result.steps_total, result.steps_skipped) == (1, 2, 1)
    assert result.pain and result.hurt == ("Arch",) and not result.completed
    assert result.active == timedelta(seconds=10 + 20 + 20)
    assert frame(coach, items, 500.0).phase is Phase.HOLD and coach.finished


def test_the_ring_fills_rep_by_rep_across_a_set_and_by_the_second_in_a_hold():
    items = coached(LIBRARY.routines["upper-back-basics"], LIBRARY.exercises)
    index = next(n for n, i in enumerate(items) if i.move.dose.reps and not i.move.dose.per_side)
    coach = Coach(tuple(i.move for i in items), 0.0)
    while coach.segment.exercise < index:
        coach.next(0.0)
    dose = items[index].move.dose
    rep_seconds = sum(dose.tempo)
    t = READY
    coach.tick(t)
    rings = []
    while coach.segment.exercise == index and coach.segment.set == 1:
        rings.append(frame(coach, items, t).ring)
        t += 0.5
        coach.tick(t)
    assert rings[0] == 0.0 and rings == sorted(rings)  # never goes back within the set
    half = int(len(rings) / 2)
    assert abs(rings[half] - 0.5) < 0.5 / (rep_seconds * (dose.reps or 1)) + 0.01
