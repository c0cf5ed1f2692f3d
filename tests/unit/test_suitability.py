"""Routines adapted to what the user declared: left out, swapped or made easier, and said so."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.care_tags import Adapt
from deskbreak.core.dose import Dose
from deskbreak.core.profile import Care, Profile
from deskbreak.core.suitability import (
    ChangeKind,
    adapt,
    gentler,
    offer,
    reasons_to_leave_out,
    suitable_routines,
    with_get_ready,
)

LIBRARY = load_library(builtin_routines_dir(), Path("/nonexistent-user-folder"))
EXERCISES = LIBRARY.exercises
ROUTINES = LIBRARY.routines


def test_nothing_declared_leaves_every_band_free_routine_as_written():
    for routine in ROUTINES.values():
        adapted = adapt(routine, EXERCISES, Profile())
        if "band-pull-aparts" in routine.exercise_ids:
            assert adapted.notes == ("Shoulder rolls instead of Band pull-aparts (needs a band)",)
        else:
            assert adapted.routine == routine and adapted.changes == () and adapted.offered


def test_a_skip_tag_swaps_in_an_exercise_of_the_same_focus_in_a_fitting_posture():
    adapted = adapt(ROUTINES["floor-mobility"], EXERCISES, Profile(cares=frozenset({Care.BALANCE})))
    assert adapted.routine.exercise_ids == (
        "seated-spine-wave",
        "backrest-rotation",
        "seated-twist",
        "belly-breathing",
    )
    assert "floor" not in adapted.routine.postures
    assert adapted.notes == (
        "Chair-back rotation hold instead of Open book, lying on your side (balance)",
        "Seated twist with crossed arms instead of Thread the needle, on hands and knees (balance)",
    )


def test_with_nothing_to_swap_in_it_is_left_out_and_said_so():
    adapted = adapt(ROUTINES["extension"], EXERCISES, Profile(cares=frozenset({Care.PREGNANCY})))
    assert "standing-back-bend" not in adapted.routine.exercise_ids
    assert "Left out Standing back bend (pregnancy)" in adapted.notes
    assert adapted.offered and len(adapted.routine.exercises) == 4


def test_an_easier_tag_gives_a_gentler_dose_and_the_easier_version_as_the_first_cue():
    routine = ROUTINES["upper-back-basics"]
    adapted = adapt(routine, EXERCISES, Profile(cares=frozenset({Care.OSTEOPOROSIS})))
    index = routine.exercise_ids.index("seated-twist")
    assert adapted.routine.doses[index].reps == 3 and routine.doses[index].reps == 4
    first = adapted.routine.exercises[index].cues[0]
    assert first == f"Easier for you: {EXERCISES['seated-twist'].easier}"
    assert adapted.notes == ("Easier version of Seated twist with crossed arms (osteoporosis)",)
    assert adapted.routine.total < routine.total


def test_exercises_the_user_left_out_and_band_work_without_a_band_are_not_played():
    profile = Profile(skipped=frozenset({"chin-tucks"}))
    adapted = adapt(ROUTINES["quick-reset"], EXERCISES, profile)
    assert "chin-tucks" not in adapted.routine.exercise_ids
    assert any("(you left it out)" in note for note in adapted.notes)
    assert reasons_to_leave_out(EXERCISES["band-pull-aparts"], Profile()) == ("needs a band",)
    assert reasons_to_leave_out(EXERCISES["band-pull-aparts"], Profile(has_band=True)) == ()
    assert offer(ROUTINES["band-strength"], EXERCISES, Profile()) is None
    assert offer(ROUTINES["band-strength"], EXERCISES, Profile(has_band=True)) is not None


def test_a_routine_that_loses_most_of_itself_or_everything_is_not_offered():
    surgery = Profile(cares=frozenset({Care.RECENT_SURGERY}))
    emptied = adapt(ROUTINES["sixty-second-reset"], EXERCISES, surgery)
    assert emptied.routine.exercises == () and not emptied.offered
    assert offer(ROUTINES["extension"], EXERCISES, surgery) is None
    assert offer(ROUTINES["shoulder-blades-and-neck"], EXERCISES, surgery) is not None


def test_gentler_doses_are_one_set_or_a_third_less():
    assert gentler(Dose(hold=timedelta(seconds=10), sets=2)) == Dose(hold=timedelta(seconds=10), sets=1)
    assert gentler(Dose(hold=timedelta(seconds=30))).hold == timedelta(seconds=20)
    assert gentler(Dose(hold=timedelta(seconds=6))).hold == timedelta(seconds=5)
    assert gentler(Dose(reps=10, tempo=(1, 2, 1))).reps == 6
    assert gentler(Dose(reps=3, tempo=(1, 2, 1))).reps == 3


def test_the_chooser_lists_favourites_first_then_by_title():
    profile = Profile(favourites=("strength-starter", "band-strength", "quick-reset"))
    listed = [a.routine.id for a in suitable_routines(ROUTINES.values(), EXERCISES, profile)]
    assert listed[:2] == ["strength-starter", "quick-reset"] and "band-strength" not in listed
    rest = [ROUTINES[i].title for i in listed[2:]]
    assert rest == sorted(rest)


profiles = st.builds(
    Profile,
    cares=st.frozensets(st.sampled_from(list(Care))),
    has_band=st.booleans(),
    skipped=st.frozensets(st.sampled_from(sorted(EXERCISES))),
)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_an_adapted_routine_never_holds_what_this_user_should_not_do(profile):
    for routine in ROUTINES.values():
        adapted = adapt(routine, EXERCISES, profile)
        played = adapted.routine
        assert len(played.exercises) == len(played.exercise_ids) == len(played.doses) == len(played.postures)
        for exercise_id in played.exercise_ids:
            exercise = EXERCISES[exercise_id]
            assert exercise_id not in profile.skipped
            assert not exercise.care.skip_for(profile.cares)
            assert profile.has_band or exercise.equipment == "none"
            if exercise.care.easier_for(profile.cares):
                index = played.exercise_ids.index(exercise_id)
                assert played.exercises[index].cues[0].startswith("Easier for you: ")
        assert with_get_ready(played) <= max(timedelta(minutes=5), with_get_ready(routine))
        assert len(set(played.exercise_ids)) == len(played.exercise_ids)
        left = sum(c.kind is ChangeKind.LEFT_OUT for c in adapted.changes)
        assert len(played.exercises) == len(routine.exercises) - left


def test_every_skip_tag_names_a_declared_caution_that_really_changes_something():
    for exercise in EXERCISES.values():
        for care, how in exercise.care.tags:
            profile = Profile(cares=frozenset({care}))
            if how is Adapt.SKIP:
                assert reasons_to_leave_out(exercise, profile)
            else:
                assert exercise.care.easier_for(profile.cares) == (care,)
