"""Routines as data: exercises with cues and timings, read from TOML files and validated."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from .durations import DurationError, parse_duration
from .problems import Problem

MIN_STEP = timedelta(seconds=1)
MAX_STEP = timedelta(minutes=5)
MAX_ROUTINE = timedelta(minutes=15)


class Focus(StrEnum):
    EXTENSION = "extension"
    ROTATION = "rotation"
    SIDE_BEND = "side-bend"
    SHOULDER_BLADES = "shoulder-blades"
    RELEASE = "release"
    BREATHING = "breathing"


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
    """A routine file that cannot be used; str() names the file and the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _require_text(data: Mapping[str, Any], key: str, where: str, file: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RoutineError(Problem(file, f"{where}needs '{key}' as non-empty text"))
    return value.strip()


def _exercise(data: Any, number: int, file: str) -> Exercise:
    where = f"exercise {number}: "
    if not isinstance(data, dict):
        raise RoutineError(Problem(file, f"{where}must be a [[exercises]] table"))
    name = _require_text(data, "name", where, file)
    where = f"exercise {number} ({name}): "
    try:
        focus = Focus(str(data.get("focus")))
    except ValueError:
        allowed = ", ".join(f.value for f in Focus)
        raise RoutineError(
            Problem(file, f"{where}focus {data.get('focus')!r} is not one of {allowed}")
        ) from None
    raw_duration = data.get("duration")
    try:
        if not isinstance(raw_duration, str):
            raise DurationError(f'must be text like "30s" (got {raw_duration!r})')
        duration = parse_duration(raw_duration)
    except DurationError as exc:
        raise RoutineError(Problem(file, f"{where}duration {exc}")) from None
    if not MIN_STEP <= duration <= MAX_STEP:
        raise RoutineError(Problem(file, f"{where}duration {raw_duration!r} must be 1s..5m"))
    cues = data.get("cues")
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
        raise RoutineError(Problem(file, f"{where}needs 'cues' as a list of one or more texts"))
    sides = data.get("sides", False)
    if not isinstance(sides, bool):
        raise RoutineError(Problem(file, f"{where}'sides' must be true or false"))
    caution = data.get("caution")
    if caution is not None and not isinstance(caution, str):
        raise RoutineError(Problem(file, f"{where}'caution' must be text"))
    return Exercise(name, focus, duration, tuple(c.strip() for c in cues), sides, caution)


def parse_routine(text: str, routine_id: str, file: str) -> Routine:
    """A Routine from the text of its TOML file, or RoutineError naming the file and the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(Problem(file, f"not valid TOML ({exc})")) from None
    title = _require_text(data, "title", "", file)
    summary = data.get("summary", "")
    if not isinstance(summary, str):
        raise RoutineError(Problem(file, "'summary' must be text"))
    raw_exercises = data.get("exercises")
    if not isinstance(raw_exercises, list) or not raw_exercises:
        raise RoutineError(Problem(file, "needs at least one [[exercises]] table"))
    exercises = tuple(_exercise(item, n, file) for n, item in enumerate(raw_exercises, start=1))
    routine = Routine(routine_id, title, summary.strip(), exercises, file)
    if routine.total > MAX_ROUTINE:
        raise RoutineError(Problem(file, f"lasts {routine.total}, longer than the 15 min allowed"))
    return routine
