"""The six-week program: weeks by date, pace by feedback, today's routine, and its data file."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir, resources_dir
from deskbreak.core.profile import Care, Profile
from deskbreak.core.program import (
    MAINTENANCE,
    Feedback,
    ProgramState,
    Rating,
    advance,
    decode,
    default_track,
    progress,
    restart,
    switch_track,
    week,
)
from deskbreak.core.program_choice import heading, routine_for_now, stage_pool
from deskbreak.core.program_file import parse_program
from deskbreak.core.program_schedule import Track, stage_count
from deskbreak.core.routines import RoutineError
from deskbreak.core.suitability import needs_band

LIBRARY = load_library(builtin_routines_dir(), Path("/nonexistent-user-folder"))
PROGRAM_FILE = resources_dir() / "program.toml"
PROGRAM = parse_program(PROGRAM_FILE.read_text(encoding="utf-8"), str(PROGRAM_FILE), LIBRARY.routines)
START = date(2026, 3, 2)
STATE = ProgramState(START)


def day(n: int) -> date:
    return START + timedelta(days=n)


def easy(n: int) -> Feedback:
    return Feedback(day(n), Rating.TOO_EASY)


def hard(n: int) -> Feedback:
    return Feedback(day(n), Rating.TOO_HARD)


def right(n: int) -> Feedback:
    return Feedback(day(n), Rating.ABOUT_RIGHT)


@pytest.mark.parametrize(
    ("days", "expected", "stage", "label"),
    [
        (0, 1, 0, "Week 1 of 6"),
        (6, 1, 0, "Week 1 of 6"),
        (7, 2, 0, "Week 2 of 6"),
        (13, 2, 0, "Week 2 of 6"),
        (14, 3, 1, "Week 3 of 6"),
        (41, 6, 2, "Week 6 of 6"),
        (42, MAINTENANCE, 3, "Program complete · keeping it up"),
        (-1, 1, 0, "Week 1 of 6"),  # the clock was set back
        (-4000, 1, 0, "Week 1 of 6"),
        (2_000_000, MAINTENANCE, 3, "Program complete · keeping it up"),  # a huge gap
    ],
)
def test_the_week_and_stage_follow_the_days_since_the_start(days, expected, stage, label):
    where = progress(STATE, day(days))
    assert (week(STATE, day(days)), where.stage, where.label) == (expected, stage, label)
    assert not where.held and not where.suggest_move_on and where.message is None


def test_the_heading_names_the_week_and_the_stage():
    label, about = heading(progress(STATE, day(15)), PROGRAM)
    assert label == "Week 3 of 6 · Holds, arching and the wall" and about.startswith("Stay a little longer")
    assert heading(progress(STATE, day(99)), PROGRAM)[0] == "Program complete · keeping it up"


def test_the_gentle_track_takes_longer_over_each_early_stage():
    gentle = ProgramState(START, Track.GENTLE)
    assert [progress(gentle, day(n)).stage for n in (0, 20, 21, 34, 35, 41, 42)] == [0, 0, 1, 1, 2, 2, 3]
    assert PROGRAM.stage(Track.GENTLE, 2).weeks == "6"


def test_too_hard_goes_back_to_the_previous_stage_and_stays_until_a_break_feels_right():
    feedback = [hard(15)]  # day 15 is week 3, the second stage
    held = progress(STATE, day(40), feedback)
    assert (held.week, held.stage, held.held) == (2, 0, True)
    assert held.message and held.message.startswith("Staying with easier routines")
    feedback.append(right(40))
    assert progress(STATE, day(40), feedback).stage == 0  # on the last day of the first stage
    again = progress(STATE, day(41), feedback)
    assert (again.week, again.stage, again.held) == (3, 1, False)


def test_too_hard_in_the_first_stage_stays_there_and_a_second_one_does_not_go_further_back():
    assert progress(STATE, day(30), [hard(3)]).week == 1
    twice = progress(STATE, day(30), [hard(20), hard(25)])
    assert (twice.week, twice.stage, twice.held) == (2, 0, True)


def test_two_too_easy_in_a_row_on_a_stage_suggest_moving_on_and_advance_accepts():
    assert not progress(STATE, day(5), [easy(4)]).suggest_move_on
    suggested = progress(STATE, day(5), [easy(3), easy(4)])
    assert (
        suggested.suggest_move_on
        and suggested.message == "Recent breaks felt easy. Move on to the next stage?"
    )
    assert not progress(STATE, day(5), [easy(3), right(4)]).suggest_move_on
    assert not progress(STATE, day(15), [easy(3), easy(4)]).suggest_move_on  # that was the last stage
    moved = advance(STATE, day(5))
    where = progress(moved, day(5), [easy(3), easy(4)])
    assert (where.week, where.stage, where.suggest_move_on) == (3, 1, False)
    assert progress(moved, day(6)).week == 3 and progress(moved, day(12)).week == 4
    assert progress(moved, day(4)).week == 1  # not before the day it was accepted


def test_feedback_from_before_the_start_or_after_today_does_not_count():
    again = restart(STATE, day(20))
    assert progress(again, day(20), [easy(1), easy(2)]).suggest_move_on is False
    assert progress(STATE, day(16), [hard(30)]).stage == 1


def test_restart_and_switching_track():
    again = restart(advance(STATE, day(3)), day(50))
    assert again == ProgramState(day(50), Track.STANDARD) and week(again, day(50)) == 1
    gentle = switch_track(STATE, Track.GENTLE)
    assert gentle.started == START and progress(gentle, day(15)).stage == 0
    assert default_track(Profile()) is Track.STANDARD
    assert default_track(Profile(cares=frozenset({Care.NEW_TO_EXERCISE}))) is Track.GENTLE


def test_the_state_is_stored_as_json_and_anything_unreadable_starts_fresh():
    state = advance(ProgramState(START, Track.GENTLE), day(9))
    assert decode(state.encode(), day(99)) == state
    assert (
        decode('{"started": "2026-03-02", "track": "sideways", "future": 1}', day(9)).track is Track.STANDARD
    )
    assert decode('{"started": "2026-03-02", "future": 1}', day(9)).encode().count("future") == 1
    for garbage in (None, "", "[]", "{", '{"started": "yesterday"}', '{"started": 5}', "null"):
        assert decode(garbage, day(9)) == ProgramState(day(9))
    assert decode("{}", day(9), Profile(cares=frozenset({Care.BALANCE}))).track is Track.GENTLE


def test_todays_routine_turns_through_the_stage_without_repeating_the_last_one():
    done: list[str] = []
    for _ in range(8):
        choice = routine_for_now(STATE, Profile(), PROGRAM, LIBRARY.routines, LIBRARY.exercises, day(0), done)
        assert choice is not None and not choice.fallback
        assert choice.routine.id in PROGRAM.stage(Track.STANDARD, 0).routines
        assert not done or choice.routine.id != done[-1]
        done.append(choice.routine.id)
    assert len(set(done[:5])) == 5  # each of the five once before any comes again
    again = routine_for_now(STATE, Profile(), PROGRAM, LIBRARY.routines, LIBRARY.exercises, day(0), done[:3])
    assert again is not None and again.routine.id == done[3]  # the same inputs, the same choice


def test_favourites_join_the_pool_only_when_no_more_demanding_than_the_stage():
    liked = Profile(favourites=("deep-mobility", "standing-strength"))
    pool, _ = stage_pool(
        PROGRAM.stage(Track.STANDARD, 0), PROGRAM, liked, LIBRARY.routines, LIBRARY.exercises
    )
    ids = [a.routine.id for a in pool]
    assert ids[0] == "deep-mobility" and "standing-strength" not in ids


def test_band_routines_are_chosen_only_for_people_with_a_band():
    for has_band in (False, True):
        profile = Profile(has_band=has_band)
        pool, _ = stage_pool(
            PROGRAM.stage(Track.STANDARD, 1), PROGRAM, profile, LIBRARY.routines, LIBRARY.exercises
        )
        assert ("band-strength" in [a.routine.id for a in pool]) is has_band


def test_every_shipped_stage_names_existing_routines_of_one_to_five_minutes():
    for stage in PROGRAM.stages:
        for routine_id in stage.routines:
            routine = LIBRARY.routines[routine_id]
            assert timedelta(minutes=1) <= routine.total + timedelta(seconds=5) * len(routine.exercises)
            assert routine.total + timedelta(seconds=5) * len(routine.exercises) <= timedelta(minutes=5)
        assert 0 < len(stage.about) <= 120 and not any(
            w in stage.about.lower() for w in ("fix", "cure", "treat")
        )


def test_the_shipped_program_builds_up_with_strength_from_the_middle_weeks():
    def levels(track: Track, index: int) -> set[str]:
        return {LIBRARY.routines[i].level for i in PROGRAM.stage(track, index).routines}

    def strength(track: Track, index: int) -> bool:
        """Whether the stage has a routine named for strength work that needs no band."""
        return any(
            "strength" in i and not needs_band(LIBRARY.routines[i], LIBRARY.exercises)
            for i in PROGRAM.stage(track, index).routines
        )

    assert levels(Track.STANDARD, 0) == {"gentle"} and levels(Track.GENTLE, 0) == {"gentle"}
    assert levels(Track.GENTLE, 1) == {"gentle"} and levels(Track.GENTLE, 2) == {"gentle"}
    assert "moderate" in levels(Track.STANDARD, 1)
    for track in Track:
        assert all(strength(track, i) for i in range(1, stage_count(track)))
        floor = [
            i for s in PROGRAM.track(track) for i in s.routines if "floor" in LIBRARY.routines[i].postures
        ]
        assert len(floor) <= (1 if track is Track.STANDARD else 0)
    band = [
        i for s in PROGRAM.stages for i in s.routines if needs_band(LIBRARY.routines[i], LIBRARY.exercises)
    ]
    assert band and all(s.index > 0 for s in PROGRAM.stages if set(band) & set(s.routines))


@pytest.mark.parametrize("track", list(Track))
def test_every_stage_offers_its_own_routine_for_every_combination_of_cautions(track):
    for size in range(len(Care) + 1):
        for cares in itertools.combinations(Care, size):
            for has_band in (False, True):
                profile = Profile(cares=frozenset(cares), has_band=has_band)
                for stage in PROGRAM.track(track):
                    pool, fallback = stage_pool(stage, PROGRAM, profile, LIBRARY.routines, LIBRARY.exercises)
                    assert pool and not fallback, (stage.track, stage.weeks, cares)


def test_a_stage_with_nothing_suitable_falls_back_to_earlier_stages():
    turning = {"seated-twist", "backrest-rotation", "neck-turns", "standing-rotation"}
    profile = Profile(skipped=frozenset(LIBRARY.exercises) - turning)  # only turning moves are left
    pool, fallback = stage_pool(
        PROGRAM.stage(Track.STANDARD, 2), PROGRAM, profile, LIBRARY.routines, LIBRARY.exercises
    )
    assert fallback and [a.routine.id for a in pool] == ["quick-reset", "rotation"]  # from weeks 1-2
    nothing = Profile(skipped=frozenset(LIBRARY.exercises))
    assert routine_for_now(STATE, nothing, PROGRAM, LIBRARY.routines, LIBRARY.exercises, day(0)) is None


PROGRAM_TEXT = PROGRAM_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        (
            'weeks = "3-4"',
            'weeks = "3-5"',
            "stage 2, weeks",
            '"3-5" is not allowed; one of 1-2, 3-4, 5-6, after',
        ),
        ('track = "gentle"', 'track = "slow"', "stage 5, track", "one of standard, gentle"),
        ('"seated-holds", "extension"', '"seated-holds", "cobra"', "stage 2, routines", 'no routine "cobra"'),
        ('title = "Gentle range"', 'title = ""', "stage 1, title", "is empty"),
        ('weeks = "5-6"', 'weeks = "3-4"', "stage 3, weeks", "already has a stage for weeks 3-4"),
        ('title = "Easy start"', 'title = "Easy start"\nlength = 3', "stage 5", 'unknown field "length"'),
    ],
)
def test_each_program_mistake_names_the_file_the_line_and_the_field(old, new, key, words):
    text = PROGRAM_TEXT.replace(old, new, 1)
    with pytest.raises(RoutineError) as info:
        parse_program(text, "program.toml", LIBRARY.routines)
    problem = info.value.problem
    assert (problem.file, problem.key) == ("program.toml", key) and words in problem.message
    field = key.split(", ")[-1] if ", " in key else "[[stage]]"
    assert problem.line is not None and text.splitlines()[problem.line - 1].startswith(field)


def test_a_program_missing_a_stage_says_which():
    cut = PROGRAM_TEXT[: PROGRAM_TEXT.rindex("[[stage]]")]
    with pytest.raises(RoutineError, match='the gentle track has no \\[\\[stage\\]\\] for weeks "after"'):
        parse_program(cut, "program.toml", LIBRARY.routines)


ratings = st.sampled_from(list(Rating))
feedbacks = st.lists(st.builds(Feedback, st.integers(-30, 120).map(day), ratings), max_size=12)
states = st.builds(
    ProgramState,
    st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    st.sampled_from(list(Track)),
    st.lists(st.dates(date(1990, 1, 1), date(2100, 1, 1)), max_size=4).map(lambda d: tuple(sorted(d))),
)


@settings(max_examples=300, deadline=None)
@given(
    states, st.dates(), st.integers(0, 400), st.lists(st.builds(Feedback, st.dates(), ratings), max_size=10)
)
def test_the_week_is_always_in_range_and_never_goes_back_without_too_hard(state, today, later, feedback):
    gentle_feedback = [f for f in feedback if f.rating is not Rating.TOO_HARD]
    first = progress(state, today, gentle_feedback)
    assert 1 <= first.week <= MAINTENANCE and 0 <= first.stage < stage_count(state.track)
    if today.toordinal() + later <= date.max.toordinal():
        after = progress(state, today + timedelta(days=later), gentle_feedback)
        assert after.week >= first.week and after.stage >= first.stage
    assert 1 <= progress(state, today, feedback).week <= MAINTENANCE


@settings(max_examples=300, deadline=None)
@given(feedbacks, st.integers(-10, 120), st.integers(0, 60), st.sampled_from(list(Track)))
def test_too_hard_feedback_never_makes_the_stage_advance(feedback, today, later, track):
    state = ProgramState(START, track)
    before = progress(state, day(today), feedback)
    told = [*feedback, Feedback(day(today), Rating.TOO_HARD)]
    now = progress(state, day(today), told)
    assert now.stage <= before.stage and not now.suggest_move_on
    if today >= 0 and all(f.day <= day(today) for f in feedback):  # too hard is the latest word
        assert now.held and progress(state, day(today + later), told).stage == now.stage


@settings(max_examples=200, deadline=None)
@given(
    st.frozensets(st.sampled_from(list(Care))),
    st.booleans(),
    st.integers(0, 90),
    st.lists(st.sampled_from(sorted(LIBRARY.routines)), max_size=6),
    st.sampled_from(list(Track)),
)
def test_todays_routine_never_repeats_the_last_one_when_there_is_another(cares, has_band, n, done, track):
    profile = Profile(cares=cares, has_band=has_band)
    state = ProgramState(START, track)
    choice = routine_for_now(state, profile, PROGRAM, LIBRARY.routines, LIBRARY.exercises, day(n), done)
    assert choice is not None
    pool, _ = stage_pool(choice.stage, PROGRAM, profile, LIBRARY.routines, LIBRARY.exercises)
    if done and len(pool) > 1:
        assert choice.routine.id != done[-1]
    assert has_band or not needs_band(LIBRARY.routines[choice.routine.id], LIBRARY.exercises)
    assert choice == routine_for_now(
        state, profile, PROGRAM, LIBRARY.routines, LIBRARY.exercises, day(n), done
    )


@settings(max_examples=300, deadline=None)
@given(states)
def test_the_state_round_trips_through_json(state):
    assert decode(state.encode(), date(2000, 1, 1)) == state


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), st.from_regex(r'\{"started": "\d{4}-\d\d-\d\d".{0,40}\}')))
def test_decoding_any_text_gives_a_state(text):
    state = decode(text, START)
    assert isinstance(state, ProgramState) and isinstance(state.track, Track)
    assert decode(state.encode(), START) == state
