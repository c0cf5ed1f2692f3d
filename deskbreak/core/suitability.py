"""A routine as this user should do it, given what their profile declares.

An exercise is left out when it is tagged "skip" for a declared caution, when the user left it
out after "this hurts" (profile.skipped), or when it needs a band they don't have. It is
swapped instead for a library exercise of the same focus when one fits: usable by this user,
not already in the routine, in the same posture or seated (never onto the floor unless the
original was there) and no more demanding; the routine must still last at most 5 minutes.
Exercises tagged "easier" for a declared caution get a gentler dose and their easier version
as the first cue. A routine is offered while it keeps at least half of its exercises (and,
when something was left out, still lasts a minute).
Routines written out in full (no library ids) are returned unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum

from .dose import Dose
from .exercises import GET_READY, HOLD, LEVELS, STANDING, LibraryExercise
from .profile import Care, Profile
from .routines import Exercise, Routine

MIN_OFFERED = timedelta(minutes=1)  # a routine shortened below this is not offered
MAX_OFFERED = timedelta(minutes=5)  # with the get-ready moments; longer swaps are not made
REASONS = {
    Care.OSTEOPOROSIS: "osteoporosis",
    Care.RECENT_SURGERY: "recent surgery",
    Care.PREGNANCY: "pregnancy",
    Care.PAINFUL_SHOULDER: "painful shoulder",
    Care.NECK_PROBLEMS: "neck problems",
    Care.BALANCE: "balance",
    Care.NEW_TO_EXERCISE: "new to exercise",
}
LEFT_OUT_BY_YOU = "you left it out"
NEEDS_BAND = "needs a band"


class ChangeKind(StrEnum):
    LEFT_OUT = "left-out"
    SWAPPED = "swapped"
    EASIER = "easier"


@dataclass(frozen=True)
class Change:
    """One thing done to a routine for this user, with its reason, to show in the break window."""

    kind: ChangeKind
    exercise_id: str
    title: str
    reason: str
    swapped_in: str = ""  # the replacement's title, for SWAPPED

    def __str__(self) -> str:
        if self.kind is ChangeKind.SWAPPED:
            return f"{self.swapped_in} instead of {self.title} ({self.reason})"
        if self.kind is ChangeKind.EASIER:
            return f"Easier version of {self.title} ({self.reason})"
        return f"Left out {self.title} ({self.reason})"


@dataclass(frozen=True)
class Adapted:
    """A routine as this user does it, the routine as written, and what changed between them."""

    routine: Routine
    original: Routine
    changes: tuple[Change, ...] = ()

    @property
    def offered(self) -> bool:
        """Whether it is still worth offering: not empty, at least half of it kept, and when
        something was left out, still at least a minute long (get-ready moments included)."""
        kept = len(self.routine.exercises)
        if kept == 0 or 2 * kept < len(self.original.exercises):
            return False
        shortened = any(c.kind is ChangeKind.LEFT_OUT for c in self.changes)
        return not shortened or with_get_ready(self.routine) >= MIN_OFFERED

    @property
    def notes(self) -> tuple[str, ...]:
        """What changed, in words: ("Left out Open book (osteoporosis)", ...)."""
        return tuple(str(change) for change in self.changes)


def reasons_to_leave_out(exercise: LibraryExercise, profile: Profile) -> tuple[str, ...]:
    """Why this user should not do this exercise (empty when they can)."""
    reasons = [REASONS[care] for care in exercise.care.skip_for(profile.cares)]
    if exercise.id in profile.skipped:
        reasons.insert(0, LEFT_OUT_BY_YOU)
    if exercise.equipment == "band" and not profile.has_band:
        reasons.append(NEEDS_BAND)
    return tuple(reasons)


def needs_band(routine: Routine, library: Mapping[str, LibraryExercise]) -> bool:
    """Whether the routine as written uses a band (such routines are offered only with a band)."""
    return any(library[i].equipment == "band" for i in routine.exercise_ids if i in library)


def gentler(dose: Dose) -> Dose:
    """An easier dose: one set; or, when it is already one set, a third fewer reps or a shorter hold."""
    if dose.sets > 1:
        return replace(dose, sets=1)
    if dose.hold is not None:
        seconds = max(int(HOLD[0].total_seconds()), int(dose.hold.total_seconds() * 2 // 3))
        return replace(dose, hold=min(dose.hold, timedelta(seconds=seconds)))
    reps = dose.reps or 1
    return replace(dose, reps=min(reps, max(3, reps * 2 // 3)))


def _played(exercise: LibraryExercise, dose: Dose, profile: Profile) -> tuple[Exercise, Dose, Change | None]:
    easier = exercise.care.easier_for(profile.cares)
    if not easier:
        return exercise.for_player(dose), dose, None
    gentle = gentler(dose)
    played = exercise.for_player(gentle)
    played = replace(played, cues=(f"Easier for you: {exercise.easier}", *played.cues))
    reason = ", ".join(REASONS[c] for c in easier)
    return played, gentle, Change(ChangeKind.EASIER, exercise.id, exercise.title, reason)


def _fits(candidate: LibraryExercise, original: LibraryExercise) -> bool:
    onto_floor = candidate.posture == "floor" and original.posture != "floor"
    if candidate.focus is not original.focus or onto_floor:
        return False
    same_place = candidate.posture == original.posture or candidate.posture == "seated"
    standing = candidate.posture in STANDING and original.posture in STANDING
    return (same_place or standing) and LEVELS.index(candidate.level) <= LEVELS.index(original.level)


def swap_for(
    original: LibraryExercise, library: Mapping[str, LibraryExercise], profile: Profile, taken: set[str]
) -> LibraryExercise | None:
    """The library exercise to do instead of `original`, or None: same focus, a fitting posture,
    usable by this user, not already in the routine; the same posture first, then by id."""
    choices = [
        e
        for e in library.values()
        if e.id not in taken and _fits(e, original) and not reasons_to_leave_out(e, profile)
    ]
    choices.sort(key=lambda e: (e.posture != original.posture, LEVELS.index(e.level), e.id))
    return choices[0] if choices else None


def adapt(
    routine: Routine, library: Mapping[str, LibraryExercise], profile: Profile, swaps: bool = True
) -> Adapted:
    """The routine as this user should do it, and what changed (see the module docstring)."""
    if not routine.exercise_ids or any(i not in library for i in routine.exercise_ids):
        return Adapted(routine, routine)
    taken = set(routine.exercise_ids)
    played: list[Exercise] = []
    ids: list[str] = []
    doses: list[Dose] = []
    changes: list[Change] = []
    for exercise_id, dose in zip(routine.exercise_ids, routine.doses, strict=True):
        exercise = library[exercise_id]
        reasons = reasons_to_leave_out(exercise, profile)
        if reasons:
            reason = ", ".join(reasons)
            instead = swap_for(exercise, library, profile, taken) if swaps else None
            if instead is None:
                changes.append(Change(ChangeKind.LEFT_OUT, exercise.id, exercise.title, reason))
                continue
            taken.add(instead.id)
            changes.append(Change(ChangeKind.SWAPPED, exercise.id, exercise.title, reason, instead.title))
            exercise, dose = instead, instead.dose
        one, used, change = _played(exercise, dose, profile)
        played.append(one)
        ids.append(exercise.id)
        doses.append(used)
        if change and exercise.id not in routine.exercise_ids:
            continue  # a swapped-in exercise: its swap is noted, its first cue says it is easier
        changes.extend([change] if change else [])
    adapted = replace(
        routine,
        exercises=tuple(played),
        postures=tuple(library[i].posture for i in ids),
        exercise_ids=tuple(ids),
        doses=tuple(doses),
    )
    if swaps and adapted.total + GET_READY * len(played) > max(MAX_OFFERED, with_get_ready(routine)):
        return adapt(routine, library, profile, swaps=False)
    return Adapted(adapted, routine, tuple(changes))


def with_get_ready(routine: Routine) -> timedelta:
    """How long the routine takes with the get-ready moment before each exercise."""
    return routine.total + GET_READY * len(routine.exercises)


def offer(routine: Routine, library: Mapping[str, LibraryExercise], profile: Profile) -> Adapted | None:
    """The routine adapted for this user if it is offered to them at all: still worth doing
    (Adapted.offered), and only with a band in hand when it is written around one."""
    if needs_band(routine, library) and not profile.has_band:
        return None
    adapted = adapt(routine, library, profile)
    return adapted if adapted.offered else None


def suitable_routines(
    routines: Iterable[Routine], library: Mapping[str, LibraryExercise], profile: Profile
) -> tuple[Adapted, ...]:
    """Every routine offered to this user, adapted, for a chooser: their favourites first (in
    the order pinned), then the rest by title."""
    offered = {r.id: a for r in routines if (a := offer(r, library, profile)) is not None}
    pinned = [offered[i] for i in profile.favourites if i in offered]
    rest = [a for i, a in offered.items() if i not in profile.favourites]
    return (*pinned, *sorted(rest, key=lambda a: (a.routine.title, a.routine.id)))
