"""The exercise library: one TOML file per exercise, with dosage as people are coached.

An exercise has a title, a focus, a posture (seated, standing, wall, doorway, floor), 3-5 cues,
a breathing cue, what it should feel like, an easier and a harder variant, cautions, care tags
(care_tags.py: declared cautions that leave it out or ease it), and a dose:
repetitions with a tempo ("lift for 2, hold 3, back for 2") or a hold in seconds, per side where
it is one-sided, in one to three sets. Routines name exercises by id (routine_refs.py).

parse_exercise is total: for any text it returns an exercise within the limits below or raises
RoutineError, whose Problem names the file, the line, the field and what is wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .care_tags import CareTags, parse_care
from .dose import Dose
from .durations import DurationError, parse_duration
from .pose_data import PoseSpec, neutral_spec, parse_pose
from .problems import Problem, kind, line_of, quoted, shown, toml_error, without_bom
from .routines import MAX_FILE_CHARS, Exercise, Focus, RoutineError

POSTURES = ("seated", "standing", "wall", "doorway", "floor")
STANDING = frozenset({"standing", "wall", "doorway"})
LEVELS = ("gentle", "moderate", "strong")
EQUIPMENT = ("none", "band")
LIMITS = {
    "title": 60,
    "cue": 120,
    "breathing": 120,
    "feel": 120,
    "easier": 160,
    "harder": 160,
    "caution": 160,
}
CUES = (3, 5)
CAUTIONS = (1, 3)
REPS = (1, 20)
SETS = (1, 3)
TEMPO_PART = (0, 10)
HOLD = (timedelta(seconds=5), timedelta(seconds=90))
# The moment before each exercise to read its name and first cue: a routine's length with it
# is what the content aims at (1 to 5 minutes).
GET_READY = timedelta(seconds=5)
FIELDS = (
    "title", "focus", "posture", "level", "strength", "equipment", "cues", "breathing", "feel",
    "easier", "harder", "cautions", "care", "dose", "pose",
)  # fmt: skip
DOSE_FIELDS = ("reps", "tempo", "hold", "per_side", "sets")
_FOCI = tuple(f.value for f in Focus)


@dataclass(frozen=True)
class LibraryExercise:
    id: str
    title: str
    focus: Focus
    posture: str
    level: str
    strength: bool
    equipment: str
    cues: tuple[str, ...]
    breathing: str
    feel: str
    easier: str
    harder: str
    cautions: tuple[str, ...]
    care: CareTags = field(default=CareTags(), kw_only=True)  # declared cautions that skip or ease it
    dose: Dose
    source: str
    pose: PoseSpec = neutral_spec("standing")  # the animated figure's poses ([pose], pose_data.py)

    def for_player(self, dose: Dose | None = None) -> Exercise:
        """The exercise as today's break window plays it: its cues, then the dose (the window has
        room for six lines; breathing and feel come with the new player)."""
        use = dose or self.dose
        cues = (*self.cues, f"Dose: {use.describe()}.")
        return Exercise(self.title, self.focus, use.per_side_time, cues, use.per_side, self.cautions[0])


class _Read:
    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file

    def error(self, message: str, field: str | None = None) -> RoutineError:
        line = line_of(self.text, field.split(",")[0].split(".")[-1]) if field else None
        return RoutineError(Problem(self.file, message, field, line))


def text_field(value: Any, limit: int, name: str, read: _Read) -> str:
    if not isinstance(value, str):
        found = "is missing" if value is None else f"{shown(value)} is {kind(value)}"
        raise read.error(f"{found}; needs text in quotes of 1 to {limit} characters", name)
    text = value.strip()
    if not text or len(text) > limit or not text.isprintable():
        why = "is empty" if not text else "is too long" if len(text) > limit else "has control characters"
        raise read.error(f"{quoted(value)} {why}; allowed 1 to {limit} characters", name)
    return text


def text_list(value: Any, bounds: tuple[int, int], limit: int, name: str, read: _Read) -> tuple[str, ...]:
    low, high = bounds
    allowed = f"{low} to {high} texts of 1 to {limit} characters"
    if not isinstance(value, list) or not low <= len(value) <= high:
        found = "is missing" if value is None else f"found {shown(value)}"
        raise read.error(f"{found}; needs an array of {allowed}", name)
    return tuple(text_field(item, limit, name, read) for item in value)


def choice(value: Any, allowed: tuple[str, ...], name: str, read: _Read, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str) or value not in allowed:
        found = "is missing" if value is None else f"{shown(value)} is not allowed"
        raise read.error(f"{found}; one of {', '.join(allowed)}", name)
    return value


def whole(value: Any, bounds: tuple[int, int], name: str, read: _Read) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise read.error(f"{shown(value)} is not a whole number from {low} to {high}", name)
    return value


def parse_dose(data: Any, read: _Read, field: str = "dose") -> Dose:
    if not isinstance(data, dict):
        found = "is missing" if data is None else f"found {shown(data)}"
        raise read.error(
            f'{found}; needs a [dose] table with reps and tempo, or hold (e.g. hold = "20s")', field
        )
    extra = [k for k in data if k not in DOSE_FIELDS]
    if extra:
        raise read.error(f"unknown field {quoted(extra[0])} (allowed: {', '.join(DOSE_FIELDS)})", field)
    per_side = data.get("per_side", False)
    if not isinstance(per_side, bool):
        raise read.error(f"{shown(per_side)} is {kind(per_side)}, not true or false", f"{field}.per_side")
    sets = whole(data.get("sets", 1), SETS, f"{field}.sets", read)
    if "hold" in data:
        if "reps" in data or "tempo" in data:
            raise read.error("has both a hold and reps/tempo; use one or the other", field)
        raw = data["hold"]
        low, high = (int(t.total_seconds()) for t in HOLD)
        try:
            hold = parse_duration(raw) if isinstance(raw, str) else None
        except DurationError:
            hold = None
        if hold is None or not HOLD[0] <= hold <= HOLD[1]:
            raise read.error(f'{shown(raw)} is not a hold like "20s" from {low}s to {high}s', f"{field}.hold")
        return Dose(hold=hold, per_side=per_side, sets=sets)
    reps = whole(data.get("reps"), REPS, f"{field}.reps", read)
    tempo = data.get("tempo")
    if (
        not isinstance(tempo, list)
        or not 2 <= len(tempo) <= 3
        or any(isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= 10 for t in tempo)
        or sum(tempo) == 0
    ):
        raise read.error(
            f"{shown(tempo)} is not a tempo like [2, 3, 2] (seconds to move, hold, return; 0 to 10 each)",
            f"{field}.tempo",
        )
    return Dose(reps=reps, tempo=tuple(tempo), per_side=per_side, sets=sets)


def load_toml(text: str, file: str) -> tuple[dict[str, Any], _Read]:
    if len(text) > MAX_FILE_CHARS:
        raise RoutineError(Problem(file, f"is too large ({len(text):,} characters)"))
    text = without_bom(text)
    try:
        return tomllib.loads(text), _Read(text, file)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, OverflowError) as exc:
        message, line = toml_error(exc, text)
        raise RoutineError(Problem(file, f"not valid TOML: {message}", line=line)) from None


def parse_exercise(text: str, exercise_id: str, file: str) -> LibraryExercise:
    """An exercise from its file's text, or RoutineError naming file, line, field and problem."""
    data, read = load_toml(text, file)
    extra = [k for k in data if k not in FIELDS]
    if extra:
        raise read.error(f"unknown field {quoted(extra[0])} (allowed: {', '.join(FIELDS)})", extra[0][:60])
    strength = data.get("strength", False)
    if not isinstance(strength, bool):
        raise read.error(f"{shown(strength)} is {kind(strength)}, not true or false", "strength")
    dose = parse_dose(data.get("dose"), read)
    return LibraryExercise(
        id=exercise_id,
        title=text_field(data.get("title"), LIMITS["title"], "title", read),
        focus=Focus(choice(data.get("focus"), _FOCI, "focus", read)),
        posture=choice(data.get("posture"), POSTURES, "posture", read),
        level=choice(data.get("level"), LEVELS, "level", read, default="gentle"),
        strength=strength,
        equipment=choice(data.get("equipment"), EQUIPMENT, "equipment", read, default="none"),
        cues=text_list(data.get("cues"), CUES, LIMITS["cue"], "cues", read),
        breathing=text_field(data.get("breathing"), LIMITS["breathing"], "breathing", read),
        feel=text_field(data.get("feel"), LIMITS["feel"], "feel", read),
        easier=text_field(data.get("easier"), LIMITS["easier"], "easier", read),
        harder=text_field(data.get("harder"), LIMITS["harder"], "harder", read),
        cautions=text_list(data.get("cautions"), CAUTIONS, LIMITS["caution"], "cautions", read),
        care=parse_care(data.get("care"), read.text, file),
        dose=dose,
        source=file,
        pose=parse_pose(data, read),
    )
