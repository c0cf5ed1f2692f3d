"""Today's routine from the program: the current stage's routines that suit this user, taken in
turn so the same one does not come twice in a row on a day when there is another.

The pool is the user's favourites that are no more demanding than the stage's own routines,
then the stage's routines in the order the program lists them, each adapted to the profile
(suitability.py). If none of them suits (some combinations of cautions rule out a lot), the
earlier stages of the track are tried, latest first, then every gentle routine that suits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .exercises import LEVELS, LibraryExercise
from .profile import Profile
from .program import Feedback, ProgramState, Progress, progress
from .program_file import Program, Stage
from .routines import Routine
from .suitability import Adapted, offer


@dataclass(frozen=True)
class Choice:
    adapted: Adapted  # the routine as this user does it, and what changed
    stage: Stage
    progress: Progress
    fallback: bool = False  # True when the stage itself had nothing that suits

    @property
    def routine(self) -> Routine:
        return self.adapted.routine


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else 0


def _offered(
    ids: Sequence[str],
    routines: Mapping[str, Routine],
    library: Mapping[str, LibraryExercise],
    profile: Profile,
) -> list[Adapted]:
    found = (offer(routines[i], library, profile) for i in dict.fromkeys(ids) if i in routines)
    return [a for a in found if a is not None]


def stage_pool(
    stage: Stage,
    program: Program,
    profile: Profile,
    routines: Mapping[str, Routine],
    library: Mapping[str, LibraryExercise],
) -> tuple[tuple[Adapted, ...], bool]:
    """The routines on offer at this stage for this user, and whether they come from a fallback."""
    own = [routines[i] for i in stage.routines if i in routines]
    top = max((_rank(r.level) for r in own), default=0)
    liked = [i for i in profile.favourites if i in routines and _rank(routines[i].level) <= top]
    pool = _offered([*liked, *stage.routines], routines, library, profile)
    if pool:
        return tuple(pool), False
    for earlier in reversed(program.track(stage.track)[: stage.index]):
        pool = _offered(earlier.routines, routines, library, profile)
        if pool:
            return tuple(pool), True
    gentle = sorted(i for i, r in routines.items() if r.level == "gentle")
    return tuple(_offered(gentle, routines, library, profile)), True


def routine_for_now(
    state: ProgramState,
    profile: Profile,
    program: Program,
    routines: Mapping[str, Routine],
    library: Mapping[str, LibraryExercise],
    today: date,
    done_today: Sequence[str] = (),
    feedback: Sequence[Feedback] = (),
) -> Choice | None:
    """The routine to offer now, or None if nothing at all suits this user.

    The pool is turned by the day (so days start differently); the first routine not yet done
    today is chosen, else the first that is not the one just done. The same inputs always give
    the same choice.
    """
    where = progress(state, today, feedback)
    stage = program.stage(where.track, where.stage)
    pool, fallback = stage_pool(stage, program, profile, routines, library)
    if not pool:
        return None
    turn = today.toordinal() % len(pool)
    order = pool[turn:] + pool[:turn]
    last = done_today[-1] if done_today else None
    fresh = [a for a in order if a.routine.id not in done_today]
    chosen = fresh[0] if fresh else next((a for a in order if a.routine.id != last), order[0])
    return Choice(chosen, stage, where, fallback)


def heading(where: Progress, program: Program) -> tuple[str, str]:
    """The stage as the break window and the tray tooltip show it: a label and one line about
    it, e.g. ("Week 3 of 6 · Holds, arching and the wall", "Stay a little longer ...")."""
    stage = program.stage(where.track, where.stage)
    label = where.label if where.maintenance else f"{where.label} · {stage.title}"
    return label, stage.about
