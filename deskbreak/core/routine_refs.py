"""Routines that name exercises from the library by id, optionally changing the dose:

    title = "Standing reset"
    summary = "Get out of the chair: three moves at the desk and one at the wall."
    level = "gentle"
    exercises = ["desk-extension", { id = "wall-angels", reps = 6 }]

The result is a core.routines.Routine (what the break window plays), with its level, postures
and exercise ids kept; its length is computed from the exercises' doses. A file with
[[exercises]] tables written out in full (the older form) is read by routines.parse_routine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .durations import format_duration
from .exercises import LEVELS, LibraryExercise, choice, load_toml, parse_dose, text_field
from .problems import quoted, shown
from .routines import MAX_EXERCISES, MAX_ROUTINE, Routine

FIELDS = ("title", "summary", "level", "exercises")
ENTRY_DOSE = ("reps", "tempo", "hold", "per_side", "sets")


def names_library_exercises(data: Mapping[str, Any]) -> bool:
    """Whether parsed TOML is a routine of this form (its exercises are ids or {id = ...})."""
    items = data.get("exercises")
    return isinstance(items, list) and any(
        isinstance(i, str) or (isinstance(i, dict) and "id" in i) for i in items
    )


def parse_routine_refs(
    text: str, routine_id: str, file: str, library: Mapping[str, LibraryExercise]
) -> Routine:
    data, read = load_toml(text, file)
    extra = [k for k in data if k not in FIELDS]
    if extra:
        raise read.error(f"unknown field {quoted(extra[0])} (allowed: {', '.join(FIELDS)})", extra[0][:60])
    title = text_field(data.get("title"), 60, "title", read)
    summary = text_field(data.get("summary"), 160, "summary", read)
    level = choice(data.get("level"), LEVELS, "level", read, default="gentle")
    items = data.get("exercises")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_EXERCISES:
        found = "is missing" if items is None else f"found {shown(items)}"
        raise read.error(
            f'{found}; needs a list of 1 to {MAX_EXERCISES} exercise ids like ["chin-tucks"]', "exercises"
        )
    chosen: list[LibraryExercise] = []
    played = []
    doses = []
    for number, item in enumerate(items, start=1):
        where = f"exercises, entry {number}"
        entry = {"id": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise read.error(
                f"{shown(item)} is not an exercise id in quotes, or {{ id = ..., reps = ... }}", where
            )
        exercise = library.get(entry["id"])
        if exercise is None:
            known = ", ".join(sorted(library)[:40])
            raise read.error(f"no exercise {quoted(entry['id'])} (known: {known})", where)
        extra_keys = [k for k in entry if k != "id" and k not in ENTRY_DOSE]
        if extra_keys:
            raise read.error(
                f"unknown field {quoted(extra_keys[0])} (allowed: id, {', '.join(ENTRY_DOSE)})", where
            )
        changes = {k: v for k, v in entry.items() if k != "id"}
        dose = exercise.dose
        if changes:
            base: dict[str, Any] = {"per_side": dose.per_side, "sets": dose.sets}
            if "hold" not in changes and "reps" not in changes and "tempo" not in changes:
                base.update({"hold": f"{int(dose.hold.total_seconds())}s"} if dose.hold else {})
                base.update({"reps": dose.reps, "tempo": list(dose.tempo)} if dose.hold is None else {})
            elif "hold" not in changes and dose.hold is None:
                base.update({"reps": dose.reps, "tempo": list(dose.tempo)})
            dose = parse_dose({**base, **changes}, read, where)
        chosen.append(exercise)
        played.append(exercise.for_player(dose))
        doses.append(dose)
    routine = Routine(
        routine_id,
        title,
        summary,
        tuple(played),
        file,
        level=level,
        postures=tuple(e.posture for e in chosen),
        exercise_ids=tuple(e.id for e in chosen),
        doses=tuple(doses),
    )
    if routine.total > MAX_ROUTINE:
        raise read.error(
            f"lasts {format_duration(routine.total)}, longer than the 15 min allowed", "exercises"
        )
    return routine
