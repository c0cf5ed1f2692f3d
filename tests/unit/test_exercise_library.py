"""The exercise library and routines that name its exercises: valid files read as written,
every mistake named with its file, line and field, and any text at all either read or refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.care_tags import Adapt, CareTags
from deskbreak.core.exercises import LibraryExercise, parse_exercise
from deskbreak.core.profile import Care
from deskbreak.core.routine_refs import names_library_exercises, parse_routine_refs
from deskbreak.core.routines import Focus, RoutineError

FILE = "/home/ada/.config/deskbreak/routines/chin-tucks.toml"

CHIN_TUCKS = """\
title = "Chin tucks"
focus = "neck"
posture = "seated"
level = "gentle"
strength = true
cues = [
    "Sit tall and look straight ahead.",
    "Slide your chin straight back, making a gentle double chin.",
    "Keep your eyes level; do not nod down.",
]
breathing = "Breathe out as you tuck, in as you let go."
feel = "A light stretch at the base of the skull and work in the front of the neck."
easier = "Make the movement smaller."
harder = "Press the back of your head into your hand as you tuck."
cautions = ["Skip it if it brings on dizziness, or pain or tingling into an arm."]

[dose]
reps = 8
tempo = [2, 3, 2]
"""

OPEN_BOOK = """\
title = "Seated rotation"
focus = "rotation"
posture = "seated"
cues = ["Fold your arms.", "Turn your ribcage, not your hips.", "Come back slowly."]
breathing = "Breathe out as you turn."
feel = "A gentle wring through the middle of the back."
easier = "Turn a little less."
harder = "Hold the end for 3 seconds."
cautions = ["Stop if the turn hurts."]
care = { osteoporosis = "easier", recent-surgery = "skip" }

[dose]
hold = "10s"
per_side = true
sets = 2
"""


def library() -> dict[str, LibraryExercise]:
    return {
        "chin-tucks": parse_exercise(CHIN_TUCKS, "chin-tucks", FILE),
        "seated-rotation": parse_exercise(OPEN_BOOK, "seated-rotation", "rot.toml"),
    }


def test_an_exercise_reads_as_written_with_its_dose_described_as_coached():
    tucks = library()["chin-tucks"]
    assert (tucks.focus, tucks.posture, tucks.strength, len(tucks.cues)) == (Focus.NECK, "seated", True, 3)
    assert tucks.dose.total == timedelta(seconds=8 * 7)
    assert tucks.dose.describe() == "8 reps: move for 2, hold 3, back for 2"
    rotation = library()["seated-rotation"]
    assert rotation.dose.describe() == "2 sets of hold for 10 seconds · each side"
    assert rotation.dose.total == timedelta(seconds=40)
    played = rotation.for_player()
    assert played.sides and played.duration == timedelta(seconds=20)  # per side, both sets
    assert "Dose: 2 sets of hold for 10 seconds · each side." in played.cues
    assert played.caution == "Stop if the turn hurts."


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ('focus = "neck"', "focus", "one of extension"),
        ('posture = "seated"', "posture", "one of seated, standing"),
        ("reps = 8", "dose.reps", "whole number from 1 to 20"),
        ("tempo = [2, 3, 2]", "dose.tempo", "tempo like [2, 3, 2]"),
        ('feel = "A light', "feel", "needs text"),
    ],
)
def test_each_mistake_names_the_file_the_line_and_the_field(change, field, words):
    broken = {
        "focus": CHIN_TUCKS.replace(change, 'focus = "legs"'),
        "posture": CHIN_TUCKS.replace(change, 'posture = "lying"'),
        "dose.reps": CHIN_TUCKS.replace(change, "reps = 50"),
        "dose.tempo": CHIN_TUCKS.replace(change, 'tempo = "slow"'),
        "feel": CHIN_TUCKS.replace(
            'feel = "A light stretch at the base of the skull and work in the front of the neck."\n', ""
        ),
    }[field]
    with pytest.raises(RoutineError) as info:
        parse_exercise(broken, "chin-tucks", FILE)
    problem = info.value.problem
    assert problem.file == FILE and problem.key == field and words in problem.message
    if field != "feel":
        assert problem.line is not None and change.split(" = ")[0] in broken.splitlines()[problem.line - 1]


def test_a_routine_names_library_exercises_and_may_change_their_dose():
    text = """\
title = "Neck and rotation"
summary = "Two moves for a stiff neck and upper back."
level = "gentle"
exercises = ["chin-tucks", { id = "seated-rotation", hold = "15s", sets = 1 }]
"""
    import tomllib

    assert names_library_exercises(tomllib.loads(text))
    routine = parse_routine_refs(text, "mine", "mine.toml", library())
    assert routine.exercise_ids == ("chin-tucks", "seated-rotation")
    assert routine.postures == ("seated", "seated") and routine.level == "gentle"
    assert routine.total == timedelta(seconds=56 + 2 * 15)
    assert [s.label for s in routine.steps] == [
        "Chin tucks", "Seated rotation (left side)", "Seated rotation (right side)"
    ]  # fmt: skip


def test_a_routine_naming_an_unknown_exercise_says_which_and_lists_the_known_ones():
    text = 'title = "X"\nsummary = "Y"\nexercises = ["chin-tucks", "cobra"]\n'
    with pytest.raises(RoutineError) as info:
        parse_routine_refs(text, "x", "x.toml", library())
    problem = info.value.problem
    assert problem.key == "exercises, entry 2" and '"cobra"' in problem.message
    assert "chin-tucks" in problem.message and problem.line == 3


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.data())
def test_any_text_gives_an_exercise_or_a_routine_error(noise, data):
    for text in (noise, _mutate(CHIN_TUCKS, data), _mutate(OPEN_BOOK, data)):
        try:
            exercise = parse_exercise(text, "x", FILE)
        except RoutineError as exc:
            assert exc.problem.file == FILE and len(str(exc)) < len(FILE) + 700
            continue
        assert 3 <= len(exercise.cues) <= 5 and timedelta() < exercise.dose.total <= timedelta(minutes=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_routine_text_gives_a_routine_or_a_routine_error(data):
    base = (
        'title = "R"\nsummary = "S"\n'
        'exercises = ["chin-tucks", { id = "seated-rotation", reps = 3, tempo = [1, 1] }]\n'
    )
    text = _mutate(base, data)
    try:
        routine = parse_routine_refs(text, "r", "r.toml", library())
    except RoutineError as exc:
        assert exc.problem.file == "r.toml"
        return
    assert set(routine.exercise_ids) <= set(library())


def _mutate(text: str, data: st.DataObject) -> str:
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(text)))
        chunk = data.draw(st.text(alphabet='"[]={},\n#0129 .-xhs', min_size=1, max_size=3))
        text = text[:pos] + chunk + text[pos + data.draw(st.integers(0, 3)) :]
    return text


def test_care_tags_read_in_the_order_care_declares_them_and_default_to_none():
    text = CHIN_TUCKS.replace("\n[dose]", 'care = { pregnancy = "skip", osteoporosis = "easier" }\n\n[dose]')
    tags = parse_exercise(text, "chin-tucks", FILE).care
    assert tags.tags == ((Care.OSTEOPOROSIS, Adapt.EASIER), (Care.PREGNANCY, Adapt.SKIP))
    assert tags.skip_for({Care.PREGNANCY, Care.BALANCE}) == (Care.PREGNANCY,)
    assert tags.easier_for({Care.OSTEOPOROSIS}) == (Care.OSTEOPOROSIS,) and tags.get(Care.BALANCE) is None
    assert parse_exercise(CHIN_TUCKS, "chin-tucks", FILE).care == CareTags()
    as_table = CHIN_TUCKS.replace("\n[dose]", '[care]\nbalance = "skip"\n\n[dose]')
    assert parse_exercise(as_table, "chin-tucks", FILE).care.skip_for(set(Care)) == (Care.BALANCE,)


@pytest.mark.parametrize(
    ("care", "key", "words"),
    [
        ('{ osteoporosis = "avoid" }', "care.osteoporosis", '"avoid" is not allowed; one of skip, easier'),
        ("{ balance = true }", "care.balance", "true is not allowed; one of skip, easier"),
        (
            '{ knees = "skip" }',
            "care.knees",
            'unknown caution "knees" (allowed: osteoporosis, recent-surgery',
        ),
        ('"skip"', "care", 'needs a table like { osteoporosis = "easier" }'),
    ],
)
def test_a_care_mistake_names_the_file_the_line_and_the_key(care, key, words):
    text = CHIN_TUCKS.replace("\n[dose]", f"care = {care}\n\n[dose]")
    with pytest.raises(RoutineError) as info:
        parse_exercise(text, "chin-tucks", FILE)
    problem = info.value.problem
    assert (problem.file, problem.key) == (FILE, key) and words in problem.message
    assert problem.line is not None and text.splitlines()[problem.line - 1].startswith("care = ")


def test_a_care_mistake_in_a_care_table_points_at_its_own_line():
    text = CHIN_TUCKS.replace("\n[dose]", '[care]\nbalance = "skip"\npregnancy = "never"\n\n[dose]')
    with pytest.raises(RoutineError) as info:
        parse_exercise(text, "chin-tucks", FILE)
    problem = info.value.problem
    assert problem.key == "care.pregnancy" and text.splitlines()[problem.line - 1].startswith("pregnancy")


def test_every_shipped_exercise_states_its_care_tags_and_follows_its_own_cautions():
    """Each file has a care line, and the obvious cases are tagged: floor work is skipped with
    osteoporosis and unsteady balance, twisting and arching after surgery, head turns with neck problems."""
    folder = builtin_routines_dir().parent / "exercises"
    shipped = {
        p.stem: parse_exercise(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in folder.glob("*.toml")
    }
    for path in folder.glob("*.toml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        care_line = next(n for n, line in enumerate(lines) if line.startswith("care = "))
        assert lines[care_line - 1] == "]" and lines[care_line + 2] == "[dose]"  # after cautions, before dose
    for exercise in shipped.values():
        if exercise.posture == "floor":
            assert (
                exercise.care.get(Care.OSTEOPOROSIS) is Adapt.SKIP
                and exercise.care.get(Care.BALANCE) is Adapt.SKIP
            )
        if "surgery" in " ".join(exercise.cautions) and "skip" in " ".join(exercise.cautions):
            assert exercise.care.get(Care.RECENT_SURGERY) is Adapt.SKIP, exercise.id
    assert shipped["neck-turns"].care.get(Care.NECK_PROBLEMS) is Adapt.SKIP
    assert shipped["doorway-chest-stretch"].care.get(Care.PAINFUL_SHOULDER) is Adapt.SKIP
    assert shipped["standing-back-bend"].care.get(Care.PREGNANCY) is Adapt.SKIP
