"""Fuzzing the parsers of everything a user writes: durations, config.toml, routine files.

The promise checked here: whatever the input, the duration parser returns a duration within its
documented bounds or raises DurationError; the settings parser never raises and always gives
settings within the documented ranges; the routine parser returns a routine within its limits or
raises RoutineError. Every message is short and names the file. A few thousand examples run in
the normal suite; `pytest -m slow` runs 50,000 per property.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from fuzz_inputs import (
    applied,
    config_documents,
    duration_texts,
    mutate,
    routine_documents,
    scalars,
    toml_values,
)
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
from deskbreak.core.work_hours import WorkHours

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
        elif spec.type == "whole number":
            assert isinstance(value, int) and spec.least <= value <= spec.most
        elif spec.type == "days":
            assert value and value <= frozenset(range(7))
        elif spec.type == "day":
            assert value in range(7)
        elif spec.type == "time of day":
            assert isinstance(value, time)
        elif spec.type == "hours":
            assert value is None or (isinstance(value, WorkHours) and value.start != value.end)
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
        expected = applied(key, value)
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


# A routine written out in full (the older form, still read from the user's folder).
GOOD_ROUTINE = (Path(__file__).parent / "old_form_routine.toml").read_text()
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
