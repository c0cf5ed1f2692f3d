"""Routines as data: exercises with cues and timings, read from TOML files and validated.

parse_routine is total: for any text it returns a Routine within the limits below or raises
RoutineError, whose Problem names the file, the line, the field, what was found and what is
allowed. A UTF-8 BOM and CRLF line ends are accepted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from .dose import Dose
from .durations import DurationError, format_duration, parse_duration
from .problems import Problem, headers, kind, line_of, quoted, shown, toml_error, without_bom

MIN_STEP = timedelta(seconds=1)
MAX_STEP = timedelta(minutes=5)
MAX_ROUTINE = timedelta(minutes=15)
MAX_EXERCISES = 30
MAX_CUES = 10
MAX_FILE_CHARS = 16_000_000
TEXT_LIMITS = {"title": 80, "summary": 300, "name": 80, "cue": 300, "caution": 300}


class Focus(StrEnum):
    EXTENSION = "extension"
    ROTATION = "rotation"
    SIDE_BEND = "side-bend"
    SHOULDER_BLADES = "shoulder-blades"
    RELEASE = "release"
    BREATHING = "breathing"
    NECK = "neck"


@dataclass(frozen=True)
class Exercise:
    name: str
    focus: Focus
    duration: timedelta
    cues: tuple[str, ...]
    sides: bool = False
    caution: str | None = None


@dataclass(frozen=True)
class Step:
    """One timed part of a routine: an exercise, or one side of it."""

    exercise: Exercise
    exercise_number: int  # 1-based
    side: str | None  # "left", "right" or None
    duration: timedelta

    @property
    def label(self) -> str:
        return f"{self.exercise.name} ({self.side} side)" if self.side else self.exercise.name


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    summary: str
    exercises: tuple[Exercise, ...]
    source: str  # the file it came from
    level: str = ""  # gentle, moderate or strong (routines built from the exercise library)
    postures: tuple[str, ...] = ()  # each exercise's posture, in order (the same)
    exercise_ids: tuple[str, ...] = ()  # the library ids, in order (the same)
    doses: tuple[Dose, ...] = ()  # each exercise's dose as coached (the same)

    @property
    def steps(self) -> tuple[Step, ...]:
        steps: list[Step] = []
        for number, exercise in enumerate(self.exercises, start=1):
            sides: tuple[str | None, ...] = ("left", "right") if exercise.sides else (None,)
            steps.extend(Step(exercise, number, side, exercise.duration) for side in sides)
        return tuple(steps)

    @property
    def total(self) -> timedelta:
        return sum((step.duration for step in self.steps), timedelta())


class RoutineError(ValueError):
    """A routine file that cannot be used; str() names the file, line, field and the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_FOCI = ", ".join(f.value for f in Focus)
_FOCUS_VALUES = frozenset(f.value for f in Focus)
_STEP_RANGE = f"{format_duration(MIN_STEP)}..{format_duration(MAX_STEP)}"
TOP_FIELDS = ("title", "summary", "exercises")
EXERCISE_FIELDS = ("name", "focus", "duration", "sides", "cues", "caution")

# (field, type, required, allowed): the documented form of a routine file (docs/configuration.md)
FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("title", "text", "yes", f"1 to {TEXT_LIMITS['title']} characters"),
    ("summary", "text", "no", f"up to {TEXT_LIMITS['summary']} characters"),
    (
        "[[exercises]]",
        "tables",
        "yes",
        f"1 to {MAX_EXERCISES}; the whole routine at most "
        f"{format_duration(MAX_ROUTINE)} (an exercise with sides counts twice)",
    ),
    ("name", "text", "yes", f"1 to {TEXT_LIMITS['name']} characters"),
    ("focus", "text", "yes", f"one of {_FOCI}"),
    ("duration", "duration", "yes", f"{_STEP_RANGE} (per side when sides = true)"),
    ("sides", "true/false", "no (false)", "true: done once on the left, then on the right"),
    ("cues", "array of texts", "yes", f"1 to {MAX_CUES} cues, each 1 to {TEXT_LIMITS['cue']} characters"),
    ("caution", "text", "no", f"up to {TEXT_LIMITS['caution']} characters"),
)


def reference_table() -> str:
    """The routine file fields as a Markdown table, for docs/configuration.md."""
    rows = ["| Field | Type | Required | Allowed |", "|---|---|---|---|"]
    rows += [f"| `{name}` | {type_} | {required} | {allowed} |" for name, type_, required, allowed in FIELDS]
    return "\n".join(rows) + "\n"


class _Reader:
    """Builds RoutineErrors that point at the line of the field they are about."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.heads = headers(text, "exercises")

    def error(self, message: str, field: str | None = None, number: int = 0, name: str = "") -> RoutineError:
        if number == 0:
            line = line_of(self.text, field, top_level=True) if field else None
            return RoutineError(Problem(self.file, message, field, line))
        label = name if name.isprintable() and len(name) <= 40 else quoted(name)
        key = f"exercise {number}" + (f" ({label})" if name else "") + (f", {field}" if field else "")
        line = line_of(self.text, "exercises")
        if number <= len(self.heads):
            start = self.heads[number - 1]
            stop = self.heads[number] - 1 if number < len(self.heads) else None
            found = line_of(self.text, field, start + 1, stop, top_level=True) if field else None
            line = found or start
        return RoutineError(Problem(self.file, message, key, line))


def _text(value: Any, limit: int, required: bool) -> str:
    """Checked text, or ValueError with a message; None/"" allowed only when not required."""
    allowed = f"{'1' if required else '0'} to {limit} characters"
    if value is None and not required:
        return ""
    if value is None:
        raise ValueError(f"is missing; needs text of {allowed}")
    if not isinstance(value, str):
        raise ValueError(f"{shown(value)} is {kind(value)}, not text in quotes; allowed {allowed}")
    text = value.strip()
    if required and not text:
        raise ValueError(f"{quoted(value)} is empty; allowed {allowed}")
    if len(text) > limit:
        raise ValueError(f"{quoted(value)} is too long; allowed {allowed}")
    return text


def _unknown(data: Mapping[str, Any], known: tuple[str, ...]) -> str | None:
    extra = [key for key in data if key not in known]
    return extra[0] if extra else None


def _exercise(data: Any, number: int, read: _Reader) -> Exercise:
    if not isinstance(data, dict):
        raise read.error(f"found {shown(data)}, not an [[exercises]] table", number=number)
    try:
        name = _text(data.get("name"), TEXT_LIMITS["name"], required=True)
    except ValueError as exc:
        raise read.error(str(exc), "name", number) from None

    def fail(message: str, field: str | None = None) -> RoutineError:
        return read.error(message, field, number, name)

    extra = _unknown(data, EXERCISE_FIELDS)
    if extra is not None:
        shown_key = extra if len(extra) <= 40 else quoted(extra)
        raise fail(f"unknown field {shown_key} (allowed: {', '.join(EXERCISE_FIELDS)})", extra[:100])
    focus_value = data.get("focus")
    if focus_value is None:
        raise fail(f"is missing; allowed: {_FOCI}", "focus")
    if not isinstance(focus_value, str) or focus_value not in _FOCUS_VALUES:
        raise fail(f"{shown(focus_value)} is not one of {_FOCI}", "focus")
    raw_duration = data.get("duration")
    if raw_duration is None:
        raise fail(f'is missing; needs a duration in quotes like "30s", {_STEP_RANGE}', "duration")
    if not isinstance(raw_duration, str):
        raise fail(
            f'{shown(raw_duration)} is {kind(raw_duration)}, not a duration in quotes like "30s"; '
            f"allowed {_STEP_RANGE}",
            "duration",
        )
    try:
        duration = parse_duration(raw_duration)
    except DurationError as exc:
        raise fail(f"{exc}; allowed {_STEP_RANGE}", "duration") from None
    if not MIN_STEP <= duration <= MAX_STEP:
        too = "short" if duration < MIN_STEP else "long"
        raise fail(f"{quoted(raw_duration)} is too {too}; allowed {_STEP_RANGE}", "duration")
    cues = data.get("cues")
    cues_allowed = f"1 to {MAX_CUES} texts of 1 to {TEXT_LIMITS['cue']} characters"
    if not isinstance(cues, list):
        found = "is missing" if cues is None else f"found {shown(cues)}"
        raise fail(f'{found}; needs an array like ["First cue.", "Second cue."] of {cues_allowed}', "cues")
    if not 1 <= len(cues) <= MAX_CUES:
        raise fail(f"found {shown(cues)}; allowed {cues_allowed}", "cues")
    checked: list[str] = []
    for index, cue in enumerate(cues, start=1):
        try:
            checked.append(_text(cue, TEXT_LIMITS["cue"], required=True))
        except ValueError as exc:
            raise fail(f"cue {index}: {exc}", "cues") from None
    sides = data.get("sides", False)
    if not isinstance(sides, bool):
        raise fail(f"{shown(sides)} is {kind(sides)}, not true or false (without quotes)", "sides")
    try:
        caution = _text(data.get("caution"), TEXT_LIMITS["caution"], required=False)
    except ValueError as exc:
        raise fail(str(exc), "caution") from None
    return Exercise(name, Focus(focus_value), duration, tuple(checked), sides, caution or None)


def parse_routine(text: str, routine_id: str, file: str) -> Routine:
    """A Routine from the text of its TOML file, or RoutineError naming file, line and problem."""
    if len(text) > MAX_FILE_CHARS:
        size = f"{len(text):,} characters; at most {MAX_FILE_CHARS:,}"
        raise RoutineError(Problem(file, f"is too large ({size})"))
    text = without_bom(text)
    read = _Reader(text, file)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, OverflowError) as exc:
        message, line = toml_error(exc, text)
        raise RoutineError(Problem(file, f"not valid TOML: {message}", line=line)) from None
    extra = _unknown(data, TOP_FIELDS)
    if extra is not None:
        shown_key = extra if len(extra) <= 40 else quoted(extra)
        raise read.error(f"unknown field {shown_key} (allowed: {', '.join(TOP_FIELDS)})", extra[:100])
    try:
        title = _text(data.get("title"), TEXT_LIMITS["title"], required=True)
    except ValueError as exc:
        raise read.error(str(exc), "title") from None
    try:
        summary = _text(data.get("summary"), TEXT_LIMITS["summary"], required=False)
    except ValueError as exc:
        raise read.error(str(exc), "summary") from None
    raw_exercises = data.get("exercises")
    if not isinstance(raw_exercises, list) or not 1 <= len(raw_exercises) <= MAX_EXERCISES:
        found = "none" if raw_exercises is None else shown(raw_exercises)
        raise read.error(f"needs 1 to {MAX_EXERCISES} [[exercises]] tables (found {found})", "exercises")
    exercises = tuple(_exercise(item, n, read) for n, item in enumerate(raw_exercises, start=1))
    routine = Routine(routine_id, title, summary, exercises, file)
    if routine.total > MAX_ROUTINE:
        raise read.error(
            f"lasts {format_duration(routine.total)}, longer than the {MAX_ROUTINE.seconds // 60} min "
            "allowed (an exercise with sides counts twice)",
            "exercises",
        )
    return routine
