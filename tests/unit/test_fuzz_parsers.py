"""Fuzzing the parsers of everything a user writes: durations, config.toml, routine files.

The promise checked here: whatever the input, the duration parser returns a duration within its
documented bounds or raises DurationError; the settings parser never raises and always gives
settings within the documented ranges; the routine parser returns a routine within its limits or
raises RoutineError. Every message is short and names the file. A few thousand examples run in
the normal suite; `pytest -m slow` runs 50,000 per property.
"""

from __future__ import annotations

import string
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.app.config_file import load_settings
from deskbreak.core.durations import MAX_DURATION, DurationError, format_duration, parse_duration
from deskbreak.core.routines import (
    MAX_CUES,
    MAX_EXERCISES,
    MAX_ROUTINE,
    MAX_STEP,
    MIN_STEP,
    TEXT_LIMITS,
    Focus,
    Routine,
    RoutineError,
    parse_routine,
)
from deskbreak.core.settings import DEFAULTS, SPECS, Settings, parse_settings

FILE = "/home/ada/.config/deskbreak/config.toml"
ROUTINE_FILE = "/home/ada/.config/deskbreak/routines/mine.toml"
MAX_MESSAGE = 700  # no message about a value is longer than this, file name aside


def fast(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


SLOW = settings(
    max_examples=50_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------- values people (and cats) write

units = st.sampled_from(
    [
        "h",
        "m",
        "s",
        "H",
        "M",
        "S",
        "hr",
        "hrs",
        "hour",
        "hours",
        "min",
        "mins",
        "minute",
        "minutes",
        "sec",
        "secs",
        "second",
        "seconds",
        "d",
        "ms",
        "",
        "e3m",
    ]
)
numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(
        [
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "1e400",
            "-5",
            "- 5",
            "0",
            "00",
            ".5",
            "5.",
            "\u0664\u0665",
            "\uff14\uff15",
            "\u00b2",
            "\u2155",
            "1_000",
            "0x10",
            "9" * 30,
        ]
    ),
)
duration_like = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "\t", "-", "+"]), numbers, st.sampled_from(["", " ", "\t"]), units
    ),
    min_size=1,
    max_size=5,
).map(lambda parts: "".join(sign + number + gap + unit for sign, number, gap, unit in parts))
duration_texts = st.one_of(
    duration_like,
    st.text(max_size=80),
    st.text(alphabet=string.digits + "hms .-+e", max_size=80),
    st.builds(lambda t, n: t * n, duration_like, st.integers(1, 200)),
    st.integers(0, 8 * 3600).map(lambda s: format_duration(timedelta(seconds=s))),
)


def _toml_string(text: str) -> str:
    escaped = "".join(
        {"\\": "\\\\", '"': '\\"'}.get(ch, ch) if ch >= " " and ch != "\x7f" else f"\\u{ord(ch):04x}"
        for ch in text
    )
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """A Python value as TOML (what tomllib would give back), for generated documents."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise AssertionError(value)


scalars = st.one_of(
    duration_texts,
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.sampled_from(
        [datetime(1979, 5, 27, 7, 32, tzinfo=UTC), datetime(2026, 1, 1), date(2026, 2, 28), time(7, 30)]
    ),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=4,
)
known_keys = st.sampled_from([spec.key for spec in SPECS])
any_keys = st.one_of(
    known_keys, st.text(max_size=30), st.text(alphabet=string.ascii_lowercase + "_", max_size=15)
)


@st.composite
def in_range(draw: st.DrawFn, key: str) -> Any:
    """A value that is valid for the setting: it must be applied as written."""
    spec = next(s for s in SPECS if s.key == key)
    if spec.type == "duration":
        seconds = draw(st.integers(int(spec.low.total_seconds()), int(spec.high.total_seconds())))
        return format_duration(timedelta(seconds=seconds))
    if spec.type == "text":
        return draw(st.text(alphabet=string.ascii_letters + "-_", min_size=1, max_size=spec.max_chars))
    return draw(st.booleans())


@st.composite
def config_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A TOML document of settings (some valid, some not) and the values known to be valid."""
    lines: list[str] = []
    valid: dict[str, Any] = {}
    used: set[str] = set()
    for _ in range(draw(st.integers(0, 6))):
        key = draw(any_keys)
        if key in used:
            continue
        used.add(key)
        if key in {s.key for s in SPECS} and draw(st.booleans()):
            value = draw(in_range(key))
            valid[key] = value
        else:
            value = draw(toml_values)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   ", "\t# note"])))
        lines.append(f"{_toml_string(key)} = {toml_value(value)}")
    if draw(st.booleans()):
        lines.append(f"[{_toml_string(draw(st.text(max_size=10).filter(lambda t: t not in used)))}]")
        lines.append(f"{_toml_string(draw(any_keys))} = {toml_value(draw(toml_values))}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + newline.join(lines) + draw(st.sampled_from(["", newline])), valid


def mutate(text: str, data: st.DataObject) -> str:
    """The text with a few characters inserted, removed or replaced: a half-typed edit."""
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.text(alphabet="\"[]={},\n\r#\\ .'-x9", min_size=1, max_size=3))
        if action == "insert":
            text = text[:pos] + chunk + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + len(chunk) :]
        else:
            text = text[:pos] + chunk + text[pos + len(chunk) :]
    return text


# ---------------------------------------------------------------- the properties


def check_duration(value: Any) -> None:
    try:
        result = parse_duration(value)
    except DurationError as exc:
        assert 0 < len(str(exc)) < 300
        return
    assert isinstance(result, timedelta)
    assert timedelta() <= result <= MAX_DURATION


def check_settings_result(settings_: Settings, problems: list[Any], text: str, file: str = FILE) -> None:
    for spec in SPECS:
        value = getattr(settings_, spec.key)
        if spec.type == "duration":
            assert spec.low <= value <= spec.high, (spec.key, value)
        elif spec.type == "text":
            assert isinstance(value, str) and 1 <= len(value) <= spec.max_chars and value.isprintable()
        else:
            assert isinstance(value, bool)
    lines = text.count("\n") + 1
    for problem in problems:
        assert problem.file == file
        assert len(str(problem)) < len(file) + MAX_MESSAGE, str(problem)[:200]
        assert problem.line is None or 1 <= problem.line <= lines
        assert "Traceback" not in str(problem)


def check_config_document(doc: tuple[str, dict[str, Any]]) -> None:
    text, valid = doc
    result, problems = parse_settings(text, FILE)
    check_settings_result(result, problems, text)
    assert not any("not valid TOML" in p.message for p in problems), problems  # the generator's own check
    for key, value in valid.items():  # one bad key never discards the rest of the file
        got = getattr(result, key)
        expected = parse_duration(value) if isinstance(got, timedelta) else value
        assert got == expected, (key, value, got)
    bad_keys = {p.key for p in problems}
    assert not bad_keys & set(valid)


def check_config_text(text: str) -> None:
    keep = Settings(sit_limit=timedelta(minutes=20), notifications=False)
    result, problems = parse_settings(text, FILE, keep)
    check_settings_result(result, problems, text)
    if any("not valid TOML" in p.message for p in problems):
        assert result == keep and len(problems) == 1
        assert "keeping the settings in force" in problems[0].message


def check_routine(text: str) -> None:
    try:
        routine = parse_routine(text, "mine", ROUTINE_FILE)
    except RoutineError as exc:
        assert exc.problem.file == ROUTINE_FILE
        assert len(str(exc)) < len(ROUTINE_FILE) + MAX_MESSAGE, str(exc)[:200]
        assert exc.problem.line is None or 1 <= exc.problem.line <= text.count("\n") + 1
        return
    assert isinstance(routine, Routine)
    assert 1 <= len(routine.title) <= TEXT_LIMITS["title"] and len(routine.summary) <= TEXT_LIMITS["summary"]
    assert 1 <= len(routine.exercises) <= MAX_EXERCISES
    assert routine.total <= MAX_ROUTINE
    for exercise in routine.exercises:
        assert 1 <= len(exercise.name) <= TEXT_LIMITS["name"]
        assert MIN_STEP <= exercise.duration <= MAX_STEP
        assert isinstance(exercise.focus, Focus) and isinstance(exercise.sides, bool)
        assert 1 <= len(exercise.cues) <= MAX_CUES
        assert all(1 <= len(cue) <= TEXT_LIMITS["cue"] for cue in exercise.cues)
        assert exercise.caution is None or 1 <= len(exercise.caution) <= TEXT_LIMITS["caution"]


@st.composite
def routine_documents(draw: st.DrawFn) -> str:
    """A routine file: mostly well formed, each field now and then missing, mistyped or absurd."""

    def field(key: str, valid: st.SearchStrategy[Any], required: bool = True) -> str | None:
        roll = draw(st.integers(0, 39))
        if roll == 0 or (roll < 8 and not required):
            return None
        value = draw(toml_values) if roll == 1 else draw(valid)
        return f"{key} = {toml_value(value)}"

    texts = st.text(min_size=1, max_size=85)
    lines = [field("title", texts), field("summary", st.text(max_size=305), required=False)]
    if draw(st.integers(0, 39)) == 0:
        lines.append(f"{_toml_string(draw(st.text(max_size=10)))} = {toml_value(draw(toml_values))}")
    exercises: list[list[str | None]] = []
    for _ in range(draw(st.integers(0, 3))):
        exercises.append(
            [
                field("name", texts),
                field("focus", st.sampled_from([f.value for f in Focus])),
                field("duration", st.integers(0, 310).map(lambda s: f"{s}s")),
                field("cues", st.lists(st.text(min_size=1, max_size=305), min_size=1, max_size=11)),
                field("sides", st.booleans(), required=False),
                field("caution", st.text(max_size=305), required=False),
                field("cue", toml_values) if draw(st.integers(0, 39)) == 0 else None,
            ]
        )
    exercises *= draw(st.sampled_from([1, 1, 1, 2, 10, MAX_EXERCISES // 3 + 1]))  # up to past the caps
    for exercise in exercises:
        lines += ["[[exercises]]", *exercise]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(line for line in lines if line is not None) + newline
    return draw(st.sampled_from(["", "\ufeff"])) + text


GOOD_ROUTINE = (Path(__file__).parents[2] / "resources" / "routines" / "quick-reset.toml").read_text()
GOOD_CONFIG = 'sit_limit = "30m"\nsnooze = "10m"\nnatural_break = "3m"\nroutine = "quick-reset"\n'

# ---------------------------------------------------------------- normal-suite runs (quick)


@fast(2000)
@given(st.one_of(duration_texts, duration_texts, duration_texts, scalars))
def test_the_duration_parser_returns_a_bounded_duration_or_a_duration_error(value: Any) -> None:
    check_duration(value)


@fast(200)
@given(st.integers(0, int(MAX_DURATION.total_seconds())))
def test_every_formatted_duration_reads_back_the_same(seconds: int) -> None:
    assert parse_duration(format_duration(timedelta(seconds=seconds))) == timedelta(seconds=seconds)


@fast(400)
@given(config_documents())
def test_settings_from_any_document_lie_in_range_and_keep_every_valid_key(
    doc: tuple[str, dict[str, Any]],
) -> None:
    check_config_document(doc)


@fast(600)
@given(st.one_of(st.text(max_size=200), st.text(alphabet='sit_limnoze="[]{}#\n\r 45mh.\\', max_size=200)))
def test_settings_from_any_text_never_raise(text: str) -> None:
    check_config_text(text)


@fast(500)
@given(st.data())
def test_settings_from_a_half_edited_file_never_raise(data: st.DataObject) -> None:
    check_config_text(
        mutate(data.draw(st.sampled_from([GOOD_CONFIG, GOOD_CONFIG.replace("\n", "\r\n")])), data)
    )


@fast(400)
@given(routine_documents())
def test_any_routine_document_gives_a_routine_within_limits_or_a_routine_error(text: str) -> None:
    check_routine(text)


@fast(400)
@given(st.data())
def test_a_half_edited_routine_file_gives_a_routine_within_limits_or_a_routine_error(
    data: st.DataObject,
) -> None:
    check_routine(mutate(GOOD_ROUTINE, data))


_FILES = tempfile.TemporaryDirectory(prefix="deskbreak-fuzz-")


@fast(200)
@given(
    st.one_of(st.binary(max_size=200), st.text(max_size=100).map(lambda t: ("\ufeff" + t).encode("utf-16")))
)
def test_any_bytes_in_config_toml_give_settings_and_problems_never_an_exception(data: bytes) -> None:
    path = Path(_FILES.name) / "config.toml"
    path.write_bytes(data)
    result, problems = load_settings(path, keep=DEFAULTS)
    check_settings_result(result, problems, data.decode("utf-8", "replace"), str(path))


# ---------------------------------------------------------------- the slow run: pytest -m slow


@pytest.mark.slow
@SLOW
@given(st.one_of(duration_texts, duration_texts, duration_texts, toml_values))
def test_slow_duration_parser(value: Any) -> None:
    check_duration(value)


@pytest.mark.slow
@SLOW
@given(config_documents())
def test_slow_settings_documents(doc: tuple[str, dict[str, Any]]) -> None:
    check_config_document(doc)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_slow_settings_half_edited(data: st.DataObject) -> None:
    check_config_text(mutate(GOOD_CONFIG, data))


@pytest.mark.slow
@SLOW
@given(routine_documents())
def test_slow_routine_documents(text: str) -> None:
    check_routine(text)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_slow_routine_half_edited(data: st.DataObject) -> None:
    check_routine(mutate(GOOD_ROUTINE, data))
