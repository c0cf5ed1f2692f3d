"""Routine files: what a valid one gives, and how a broken one is explained."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from deskbreak.app.routine_library import load_library, read_routine
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.exercises import GET_READY, STANDING
from deskbreak.core.routines import Focus, RoutineError, parse_routine
from deskbreak.core.settings import CONFIG_TEMPLATE, DEFAULTS

FILE = "/home/ada/.config/deskbreak/routines/mine.toml"

VALID = """
title = "  My routine "
summary = " Two quick things. "

[[exercises]]
name = "Seated thoracic extension"
focus = "extension"
duration = "40s"
cues = ["Sit tall. ", "Lift your chest."]
caution = "Stop if it hurts."

[[exercises]]
name = "Seated rotation"
focus = "rotation"
duration = "20s"
sides = true
cues = ["Turn from the ribs."]
"""


def test_a_valid_file_gives_the_routine() -> None:
    routine = parse_routine(VALID, "mine", FILE)

    assert (routine.id, routine.title, routine.summary, routine.source) == (
        "mine",
        "My routine",
        "Two quick things.",
        FILE,
    )
    first, second = routine.exercises
    assert first.name == "Seated thoracic extension"
    assert first.focus is Focus.EXTENSION
    assert first.duration == timedelta(seconds=40)
    assert first.cues == ("Sit tall.", "Lift your chest.")
    assert first.caution == "Stop if it hurts."
    assert first.sides is False
    assert second.sides is True and second.caution is None


def test_an_exercise_with_sides_becomes_a_left_and_a_right_step() -> None:
    routine = parse_routine(VALID, "mine", FILE)

    assert [(s.label, s.exercise_number, s.side, s.duration.total_seconds()) for s in routine.steps] == [
        ("Seated thoracic extension", 1, None, 40),
        ("Seated rotation (left side)", 2, "left", 20),
        ("Seated rotation (right side)", 2, "right", 20),
    ]
    assert routine.total == timedelta(seconds=80)


def test_summary_is_optional() -> None:
    text = VALID.replace('summary = " Two quick things. "\n', "")
    assert parse_routine(text, "mine", FILE).summary == ""


EXERCISE = """
[[exercises]]
name = "Shoulder rolls"
focus = "shoulder-blades"
duration = "30s"
cues = ["Roll back and down."]
"""


def with_second(**changes: str | None) -> str:
    """VALID's first exercise plus a second one with some lines replaced (None removes the line)."""
    lines = []
    for line in EXERCISE.strip().splitlines():
        key = line.split(" = ")[0]
        if key in changes:
            if changes[key] is not None:
                lines.append(f"{key} = {changes.pop(key)}")
            else:
                changes.pop(key)
            continue
        lines.append(line)
    lines.extend(f"{key} = {value}" for key, value in changes.items() if value is not None)
    first = VALID.split("[[exercises]]")[0] + "[[exercises]]" + VALID.split("[[exercises]]")[1]
    return first + "\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "must_name"),
    [
        pytest.param(with_second(focus='"twisting"'), "Shoulder rolls", id="unknown focus"),
        pytest.param(with_second(focus=None), "Shoulder rolls", id="no focus"),
        pytest.param(with_second(duration=None), "Shoulder rolls", id="no duration"),
        pytest.param(with_second(duration="30"), "Shoulder rolls", id="duration not text"),
        pytest.param(with_second(duration='"30"'), "Shoulder rolls", id="duration without unit"),
        pytest.param(with_second(duration='"soon"'), "Shoulder rolls", id="duration garbage"),
        pytest.param(with_second(duration='"0s"'), "Shoulder rolls", id="duration zero"),
        pytest.param(with_second(duration='"5m1s"'), "Shoulder rolls", id="duration over 5 min"),
        pytest.param(with_second(cues=None), "Shoulder rolls", id="no cues"),
        pytest.param(with_second(cues="[]"), "Shoulder rolls", id="empty cues"),
        pytest.param(with_second(cues='["ok", "  "]'), "Shoulder rolls", id="blank cue"),
        pytest.param(with_second(cues='"Roll back."'), "Shoulder rolls", id="cues not a list"),
        pytest.param(with_second(sides='"yes"'), "Shoulder rolls", id="sides not a flag"),
        pytest.param(with_second(caution="3"), "Shoulder rolls", id="caution not text"),
        pytest.param(with_second(name=None), "exercise 2", id="no name"),
        pytest.param(with_second(name='"  "'), "exercise 2", id="blank name"),
    ],
)
def test_a_broken_exercise_names_the_file_and_the_exercise(text: str, must_name: str) -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine", FILE)
    message = str(info.value)
    problem = info.value.problem
    assert problem.file == FILE and problem.line is not None and 13 <= problem.line <= 18
    assert message.startswith(f"{FILE}:{problem.line}: exercise 2")
    assert must_name in message


@pytest.mark.parametrize(
    ("text", "must_say"),
    [
        pytest.param('title = "x"\n[[exercises]\n', "TOML", id="not TOML"),
        pytest.param(VALID.replace('title = "  My routine "', ""), "title", id="no title"),
        pytest.param(VALID.replace('title = "  My routine "', "title = 1"), "title", id="title not text"),
        pytest.param(
            VALID.replace('summary = " Two quick things. "', "summary = 1"), "summary", id="summary not text"
        ),
        pytest.param('title = "x"\n', "exercises", id="no exercises"),
        pytest.param('title = "x"\nexercises = []\n', "exercises", id="empty exercises"),
        pytest.param('title = "x"\nexercises = "lots"\n', "exercises", id="exercises not a list"),
        pytest.param('title = "x"\nexercises = [1]\n', "exercise 1", id="exercise not a table"),
    ],
)
def test_a_broken_file_names_the_file_and_says_what_is_wrong(text: str, must_say: str) -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine", FILE)
    line = info.value.problem.line
    assert str(info.value).startswith(f"{FILE}:{line}: " if line else f"{FILE}: ")  # missing: no line
    assert must_say in str(info.value)


def test_a_routine_longer_than_15_minutes_is_refused() -> None:
    exercise = '[[exercises]]\nname = "Hold {n}"\nfocus = "release"\nduration = "5m"\ncues = ["Hold."]\n'
    fifteen = 'title = "Long"\n' + "".join(exercise.format(n=n) for n in range(3))
    assert parse_routine(fifteen, "long", FILE).total == timedelta(minutes=15)

    with pytest.raises(RoutineError) as info:
        parse_routine(
            fifteen + '[[exercises]]\nname = "One more"\nfocus = "breathing"\nduration = "1s"\n'
            'cues = ["Breathe."]\n',
            "long",
            FILE,
        )
    assert str(info.value).startswith(FILE + ":2: exercises: lasts 15m1s")
    assert "15 min" in str(info.value)


def test_sides_count_twice_toward_the_15_minute_limit() -> None:
    text = (
        'title = "Long"\n[[exercises]]\nname = "Side hold"\nfocus = "side-bend"\nduration = "5m"\n'
        'sides = true\ncues = ["Lean."]\n[[exercises]]\nname = "Hold"\nfocus = "release"\n'
        'duration = "5m"\ncues = ["Hold."]\n'
    )
    assert parse_routine(text, "long", FILE).total == timedelta(minutes=15)
    one_more = '[[exercises]]\nname = "Breath"\nfocus = "breathing"\nduration = "1s"\ncues = ["In."]\n'
    with pytest.raises(RoutineError, match="15 min"):
        parse_routine(text + one_more, "long", FILE)


@pytest.mark.parametrize(
    ("change", "line", "says"),
    [
        (
            {"duration": '"0s"'},
            16,
            'exercise 2 (Shoulder rolls), duration: "0s" is too short; allowed 1s..5m',
        ),
        ({"duration": '"9999999999999999999999h"'}, 16, "is far too long (more than a year); allowed 1s..5m"),
        ({"duration": '"-5m"'}, 16, '"-5m" is negative'),
        ({"duration": "nan"}, 16, "duration: nan is a number, not a duration in quotes"),
        ({"focus": '"twist"'}, 15, 'focus: "twist" is not one of extension, rotation'),
        ({"name": '"' + "n" * 81 + '"'}, 14, 'exercise 2, name: "nnnn'),
        ({"cues": '["' + "c" * 301 + '"]'}, 17, 'cues: cue 1: "cccc'),
        ({"cues": "[" + '"a", ' * 11 + "]"}, 17, "cues: found an array of 11 items; allowed 1 to 10 texts"),
        ({"cues": '[["nested"]]'}, 17, "cues: cue 1: an array of 1 item is an array, not text"),
        ({"sides": "1"}, 18, "sides: 1 is a number, not true or false"),
        ({"caution": '"' + "w" * 301 + '"'}, 18, 'caution: "wwww'),
        (
            {"cue": '["typo"]'},
            18,
            "cue: unknown field cue (allowed: name, focus, duration, sides, cues, caution)",
        ),
    ],
)
def test_each_field_problem_names_its_line_and_what_is_allowed(
    change: dict[str, str], line: int, says: str
) -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(with_second(**change), "mine", FILE)
    assert info.value.problem.line == line
    assert says in str(info.value)
    assert len(str(info.value)) < len(FILE) + 300


def test_limits_on_titles_and_the_number_of_exercises() -> None:
    with pytest.raises(RoutineError, match=r":2: title: .* is too long; allowed 1 to 80 characters"):
        parse_routine(VALID.replace("  My routine ", "t" * 81), "mine", FILE)
    with pytest.raises(RoutineError, match=r":3: summary: .* is too long; allowed 0 to 300 characters"):
        parse_routine(VALID.replace(" Two quick things. ", "s" * 301), "mine", FILE)
    one = '[[exercises]]\nname = "E"\nfocus = "release"\nduration = "1s"\ncues = ["Hold."]\n'
    assert len(parse_routine('title = "Many"\n' + one * 30, "many", FILE).exercises) == 30
    with pytest.raises(RoutineError, match=r":2: exercises: needs 1 to 30 \[\[exercises\]\] tables"):
        parse_routine('title = "Many"\n' + one * 31, "many", FILE)


def test_an_unknown_top_level_field_is_named() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine('title = "x"\ncolour = "red"\n' + EXERCISE, "mine", FILE)
    assert str(info.value) == f"{FILE}:2: colour: unknown field colour (allowed: title, summary, exercises)"


def test_a_bom_and_crlf_line_ends_are_accepted() -> None:
    routine = parse_routine("\ufeff" + VALID.replace("\n", "\r\n"), "mine", FILE)
    assert routine == parse_routine(VALID, "mine", FILE)
    with pytest.raises(RoutineError) as info:
        parse_routine("\ufeff" + with_second(duration='"0s"').replace("\n", "\r\n"), "mine", FILE)
    assert info.value.problem.line == 16


def test_a_syntax_error_names_its_line() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(VALID.replace('duration = "40s"', "duration = 40s"), "mine", FILE)
    assert info.value.problem.line == 8
    assert str(info.value).startswith(f"{FILE}:8: not valid TOML: ")


def test_a_10_mb_cue_gives_a_short_message() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(with_second(cues='["' + "x" * 10_000_000 + '"]'), "mine", FILE)
    assert "10,000,000 characters" in str(info.value) and len(str(info.value)) < 300


def test_deeply_nested_values_are_a_routine_error() -> None:
    with pytest.raises(RoutineError, match="nested too deeply"):
        parse_routine('title = "x"\ncues = ' + "[" * 2000, "mine", FILE)


BUILTIN = sorted(builtin_routines_dir().glob("*.toml"))


LIBRARY = load_library(builtin_routines_dir(), Path("/nonexistent-user-folder"))


@pytest.mark.parametrize("path", BUILTIN, ids=[p.stem for p in BUILTIN])
def test_every_builtin_routine_parses_and_lasts_one_to_five_minutes(path: Path) -> None:
    routine = read_routine(path.read_text(encoding="utf-8"), path, LIBRARY.exercises)
    with_get_ready = routine.total + GET_READY * len(routine.exercises)
    assert timedelta(minutes=1) <= with_get_ready <= timedelta(minutes=5)
    assert routine.level in ("gentle", "moderate", "strong") and routine.summary
    assert len(routine.postures) == len(routine.exercises) and routine.exercise_ids


def test_the_shipped_content_covers_what_a_break_needs() -> None:
    """At least 14 exercises over every focus, 5 or more out of the chair, light strength work
    with a band offered too, and at least 8 routines; every shipped file valid."""
    assert LIBRARY.problems == []
    exercises = LIBRARY.exercises.values()
    assert len(exercises) >= 14
    assert {e.focus for e in exercises} >= {
        Focus.EXTENSION, Focus.ROTATION, Focus.SIDE_BEND, Focus.SHOULDER_BLADES, Focus.NECK, Focus.BREATHING
    }  # fmt: skip
    assert sum(e.posture in STANDING for e in exercises) >= 5
    assert sum(e.strength for e in exercises) >= 3 and any(e.equipment == "band" for e in exercises)
    for exercise in exercises:
        assert 3 <= len(exercise.cues) <= 5 and exercise.cautions and exercise.easier and exercise.harder
        if exercise.posture == "floor":
            assert any("floor" in c.lower() for c in exercise.cautions), exercise.id
    assert len(LIBRARY.routines) >= 8
    words = " ".join(
        " ".join((e.title, *e.cues, e.breathing, e.feel, e.easier, e.harder, *e.cautions)) for e in exercises
    ).lower()
    for claim in ("cures", "fixes", "treats", "heals"):  # movement may ease stiffness; no promises
        assert f" {claim} " not in f" {words} ", claim


def test_the_default_routine_and_the_ones_the_template_names_are_built_in() -> None:
    from deskbreak.app.configuration import FALLBACK, PROGRAM

    names = {p.stem for p in BUILTIN}
    assert DEFAULTS.routine == PROGRAM and PROGRAM not in names  # the program chooses
    assert FALLBACK in names  # what plays when the program has nothing to offer
    for name in ("upper-back-basics", "quick-reset", "standing-reset"):
        assert name in CONFIG_TEMPLATE
        assert name in names
