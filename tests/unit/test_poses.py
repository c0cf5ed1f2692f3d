"""The figure's poses: every shipped exercise has one, mistakes are named like other fields,
motion runs start to end within the joints' ranges, and the skeleton is rigid, inside its box
and mirrors exactly for the right side."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.bundled import resources_dir
from deskbreak.core.coach import Phase
from deskbreak.core.exercises import LibraryExercise, parse_exercise
from deskbreak.core.pose_data import BASES, BOUNDS, JOINTS, NAMES, VIEWS, Pose, PoseSpec, mirrored, neutral
from deskbreak.core.poses import BASE_WORDS, describe, ease, moving_groups, pose_at
from deskbreak.core.props import props
from deskbreak.core.routines import RoutineError
from deskbreak.core.skeleton import BONES, POINTS, P, joints, reflected, skeleton

FILES = sorted((resources_dir() / "exercises").glob("*.toml"))
FILE = "/home/ada/.config/deskbreak/routines/my-twist.toml"
ALL_BASES = tuple(b for bases in BASES.values() for b in bases)

HEAD = """\
title = "My twist"
focus = "rotation"
posture = "seated"
cues = ["Sit tall.", "Turn to one side.", "Come back."]
breathing = "Breathe out as you turn."
feel = "A gentle turn."
easier = "Turn less."
harder = "Pause longer."
cautions = ["Stop if it hurts."]

[dose]
reps = 5
tempo = [2, 2, 2]
per_side = true
"""


def shipped(path: Path) -> LibraryExercise:
    return parse_exercise(path.read_text(encoding="utf-8"), path.stem, str(path))


def swapped(name: str) -> str:
    return name.replace("left_", "@").replace("right_", "left_").replace("@", "right_")


# -- the shipped files -----------------------------------------------------------------------


def test_there_are_24_exercises() -> None:
    assert len(FILES) == 24


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_shipped_exercise_has_a_pose_that_moves_and_fits(path: Path) -> None:
    exercise = shipped(path)
    spec = exercise.pose
    assert "\n[pose]\n" in path.read_text(encoding="utf-8").split("[dose]")[1], "pose comes after [dose]"
    assert spec.base in BASES[exercise.posture]
    assert spec.moving, "the figure shows the movement"
    for side in (None, "right"):
        for pose in (spec.start, spec.end):
            shown = mirrored(pose) if side else pose
            assert not skeleton(shown, spec.base, spec.view).clipped, "the whole figure is in the picture"
    words = describe(spec)
    assert words.split(",")[0] in BASE_WORDS.values()


def test_descriptions_name_the_side() -> None:
    twist = shipped(resources_dir() / "exercises" / "seated-twist.toml").pose
    assert describe(twist, "left") == "Seated, turning the upper body and head to the left"
    assert describe(twist, "right") == "Seated, turning the upper body and head to the right"
    angels = shipped(resources_dir() / "exercises" / "wall-angels.toml").pose
    assert "raising both arms" in describe(angels)


def test_a_file_without_a_pose_gets_a_still_figure_for_its_posture() -> None:
    exercise = parse_exercise(HEAD, "my-twist", FILE)
    assert exercise.pose.base == "seated"
    assert exercise.pose.start == exercise.pose.end == neutral("seated")
    assert not exercise.pose.moving


def test_the_end_pose_keeps_what_the_start_pose_sets() -> None:
    text = HEAD + '\n[pose]\nview = "front"\nstart = { left_arm = 60 }\nend = { twist = 40 }\n'
    spec = parse_exercise(text, "my-twist", FILE).pose
    assert spec.end["left_arm"] == 60 and spec.end["twist"] == 40 and spec.start["twist"] == 0
    assert spec.moving == {"twist"}


# -- mistakes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pose", "key", "line", "words"),
    [
        (
            '[pose]\nview = "side"\nend = { twist = 95 }',
            "pose.end.twist",
            18,
            "95 is out of range; needs degrees from -70 to 70",
        ),
        (
            '[pose]\nstart = { bend = "a lot" }',
            "pose.start.bend",
            17,
            '"a lot" is text; needs degrees from -40 to 60',
        ),
        ("[pose]\nstart = { tuck = true }", "pose.start.tuck", 17, "needs percent from -100 to 100"),
        ("[pose]\nstart = { spine = 10 }", "pose.start", 17, 'unknown joint "spine" (allowed: lean, bend'),
        ('[pose]\nview = "top"', "pose.view", 17, '"top" is not allowed; one of front, side, back'),
        ('[pose]\nbase = "all-fours"', "pose.base", 17, 'not allowed for posture "seated"; one of seated'),
        ("[pose]\nspeed = 2", "pose", 16, 'unknown field "speed" (allowed: view, base, start, end)'),
        ("[pose]\nend = 3", "pose.end", 17, "3 is a number; needs a table like { twist = 30 }"),
        (
            '[pose]\nview = "side"\n\n[pose.end]\nlean = 5\ntilt = -50',
            "pose.end.tilt",
            21,
            "-50 is out of range",
        ),
        ("[pose]\nstart = { lean = nan }", "pose.start.lean", 17, "nan is out of range"),
    ],
)
def test_pose_mistakes_name_file_line_field_and_range(pose: str, key: str, line: int, words: str) -> None:
    with pytest.raises(RoutineError) as caught:
        parse_exercise(HEAD + "\n" + pose + "\n", "my-twist", FILE)
    problem = caught.value.problem
    assert (problem.file, problem.key, problem.line) == (FILE, key, line)
    assert words in problem.message
    assert str(caught.value).startswith(f"{FILE}:{line}: {key}: ")


def test_a_pose_that_is_not_a_table_is_named() -> None:
    with pytest.raises(RoutineError) as caught:
        parse_exercise("pose = 7\n" + HEAD, "my-twist", FILE)
    assert (caught.value.problem.key, caught.value.problem.line) == ("pose", 1)
    assert "found 7; needs a [pose] table" in caught.value.problem.message


# -- motion ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_phases_run_from_start_to_end_and_back(path: Path) -> None:
    exercise = shipped(path)
    spec, hold = exercise.pose, exercise.dose.hold is not None
    assert pose_at(spec, Phase.GET_READY, 0.7) == spec.start
    assert pose_at(spec, Phase.SWITCH_SIDES, 0.3, side="right") == mirrored(spec.start)
    assert pose_at(spec, Phase.MOVE, 0.0) == spec.start
    assert pose_at(spec, Phase.MOVE, 1.0) == spec.end
    assert pose_at(spec, Phase.RETURN, 0.0) == spec.end
    assert pose_at(spec, Phase.RETURN, 1.0) == spec.start
    assert pose_at(spec, Phase.HOLD, 0.5) == spec.end
    if hold:
        seconds = exercise.dose.hold.total_seconds()  # type: ignore[union-attr]
        assert pose_at(spec, Phase.HOLD, 0.0, hold_dose=True, seconds=seconds) == spec.start
        middle = pose_at(spec, Phase.HOLD, 0.5, hold_dose=True, seconds=seconds)
        assert all(abs(a - b) <= 4.0 for a, b in zip(middle.values, spec.end.values, strict=True))
        last = pose_at(spec, Phase.HOLD, 1.0, hold_dose=True, seconds=seconds)
        assert last == spec.start if seconds >= 6 else last.values == pytest.approx(spec.end.values, abs=4)


def test_a_held_stretch_eases_in_over_its_first_seconds() -> None:
    spec = shipped(resources_dir() / "exercises" / "seated-side-bend.toml").pose
    bend = [pose_at(spec, Phase.HOLD, t / 20, hold_dose=True, seconds=20)["side_bend"] for t in range(5)]
    assert (
        bend[0] == 0 and bend[1] < 0 and bend[2] < bend[1] and bend[3] == pytest.approx(spec.end["side_bend"])
    )


def poses() -> st.SearchStrategy[Pose]:
    return st.builds(
        lambda values, flip: Pose(tuple(values), False) if not flip else mirrored(Pose(tuple(values))),
        st.tuples(*(st.floats(j.low, j.high, allow_nan=False) for j in JOINTS)),
        st.booleans(),
    )


@given(poses(), poses(), st.sampled_from(list(Phase)), st.floats(-1, 2, allow_nan=False), st.booleans(),
       st.floats(0, 90), st.sampled_from([None, "left", "right"]))  # fmt: skip
def test_motion_stays_within_the_joints_ranges(
    start: Pose, end: Pose, phase: Phase, fraction: float, hold: bool, seconds: float, side: str | None
) -> None:
    spec = PoseSpec("front", "seated", Pose(start.values), Pose(end.values))
    pose = pose_at(spec, phase, fraction, hold_dose=hold, side=side, seconds=seconds)
    for value, (low, high) in zip(pose.values, BOUNDS, strict=True):
        assert low <= value <= high
    assert 0 <= ease(fraction) <= 1


@given(poses())
def test_mirroring_twice_is_the_identity(pose: Pose) -> None:
    assert mirrored(mirrored(pose)) == pose


@settings(max_examples=150)
@given(poses(), st.sampled_from(ALL_BASES), st.sampled_from(VIEWS))
def test_the_mirror_image_is_the_exact_reflection(pose: Pose, base: str, view: str) -> None:
    left, right = skeleton(pose, base, view), skeleton(mirrored(pose), base, view)
    if left.clipped or right.clipped:
        return  # pinned to the box's edge, a point no longer reflects exactly
    expected = reflected(left.points)
    for name in POINTS:
        assert right.points[P[swapped(name)]] == pytest.approx(expected[P[name]], abs=1e-9), name
    assert right.eyes == left.eyes[::-1] and right.head_far == left.head_far
    assert [(POINTS[s.a], POINTS[s.b], s.far) for s in right.strokes if "left" not in s.group
            and "right" not in s.group] == [(POINTS[s.a], POINTS[s.b], s.far) for s in left.strokes
            if "left" not in s.group and "right" not in s.group]  # fmt: skip


@settings(max_examples=150)
@given(poses(), st.sampled_from(ALL_BASES), st.sampled_from(VIEWS))
def test_the_skeleton_is_rigid_finite_and_inside_the_box(pose: Pose, base: str, view: str) -> None:
    figure = skeleton(pose, base, view)
    rest = joints(neutral(base), base)
    for x, y in figure.points:
        assert math.isfinite(x) and math.isfinite(y) and 0 <= x <= 1 and 0 <= y <= 1
    for a, b, group, _ in BONES:
        if group in ("shoulders", "head"):
            continue  # the shoulder blades and the chin-tuck glide: not rigid bones
        length = math.dist(figure.body[P[a]], figure.body[P[b]])
        assert length == pytest.approx(math.dist(rest[P[a]], rest[P[b]]), abs=1e-9), (a, b)
    assert {s.group for s in figure.strokes} >= {"trunk", "head", "left_arm", "right_arm"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_scenery_mirrors_with_the_figure(path: Path) -> None:
    spec = shipped(path).pose
    left, right = props(spec), props(spec, "right")
    assert len(left) == len(right) >= 1
    for a, b in zip(left, right, strict=True):
        assert [c for p in b for c in p] == pytest.approx([c for p in reflected(a) for c in p], abs=1e-9)


def test_highlighted_groups_swap_sides_in_the_mirror() -> None:
    spec = shipped(resources_dir() / "exercises" / "seated-side-bend.toml").pose
    assert moving_groups(spec) >= {"trunk", "left_arm"} and "right_arm" not in moving_groups(spec)
    assert moving_groups(spec, "right") >= {"trunk", "right_arm"}


# -- any text at all ----------------------------------------------------------------------------

_VALUES = st.one_of(
    st.integers(-10**6, 10**6), st.floats(), st.text(max_size=8), st.booleans(),
    st.lists(st.integers(), max_size=3), st.sampled_from(["front", "side", "seated", "wall-front"]),
)  # fmt: skip
_KEYS = st.sampled_from([*NAMES, "view", "base", "start", "end", "spine", ""])


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    return repr(value) if not isinstance(value, list) else "[" + ", ".join(map(_toml, value)) + "]"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(_KEYS, st.one_of(_VALUES, st.dictionaries(_KEYS, _VALUES, max_size=4)), max_size=5),
    st.integers(0, 40),
    st.text(max_size=6),
)
def test_garbled_pose_tables_are_read_or_refused_with_a_routine_error(
    table: dict[str, object], cut: int, junk: str
) -> None:
    lines = ["[pose]"]
    for key, value in table.items():
        name = f'"{key}"' if not key.isidentifier() else key
        if isinstance(value, dict):
            inner = ", ".join(f'"{k}" = {_toml(v)}' for k, v in value.items())
            lines.append(f"{name} = {{ {inner} }}")
        else:
            lines.append(f"{name} = {_toml(value)}")
    text = HEAD + "\n" + "\n".join(lines) + "\n"
    for candidate in (text, text[: len(text) - cut] + junk):
        try:
            exercise = parse_exercise(candidate, "my-twist", FILE)
        except RoutineError as exc:
            assert exc.problem.file == FILE
            continue
        assert isinstance(exercise.pose, PoseSpec)


def test_the_schema_docs_list_every_joint_and_the_worked_example_is_shipped() -> None:
    readme = (resources_dir() / "routines" / "README.md").read_text(encoding="utf-8")
    for joint in JOINTS:
        rows = readme.split("| Joint | Range | Meaning |")[1].split("\n\n")[0].splitlines()
        row = next((line for line in rows if f"`{joint.name}`" in line), "")
        assert f"{joint.low:g} to {joint.high:g}" in row, joint.name
    example = readme.split("A worked example")[1].split("```toml\n")[1].split("```")[0]
    assert example in (resources_dir() / "exercises" / "seated-twist.toml").read_text(encoding="utf-8")
