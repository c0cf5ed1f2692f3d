"""The program's schedule: which weeks each stage of a track covers, then a maintenance stage.

Six weeks because changes in how the upper back moves and feels take weeks to show (trials ran
4 to 10 weeks). The gentle track spends longer on each of the first stages.
"""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    STANDARD = "standard"
    GENTLE = "gentle"  # for people new to exercise or with a declared caution


WEEKS = 6
MAINTENANCE = WEEKS + 1  # the week number given to every day after week 6
SCHEDULE: dict[Track, tuple[tuple[int, ...], ...]] = {
    Track.STANDARD: ((1, 2), (3, 4), (5, 6)),
    Track.GENTLE: ((1, 2, 3), (4, 5), (6,)),
}
AFTER = "after"  # how a data file names the maintenance stage's weeks


def stage_count(track: Track) -> int:
    """How many stages the track has, maintenance included."""
    return len(SCHEDULE[track]) + 1


def maintenance_index(track: Track) -> int:
    return len(SCHEDULE[track])


def stage_of_week(track: Track, week: int) -> int:
    """The stage (0-based) a week falls in; MAINTENANCE and later give the maintenance stage."""
    for index, weeks in enumerate(SCHEDULE[track]):
        if week <= weeks[-1]:
            return index
    return maintenance_index(track)


def first_week(track: Track, index: int) -> int:
    """The first week of a stage (MAINTENANCE for the maintenance stage)."""
    stages = SCHEDULE[track]
    return stages[index][0] if index < len(stages) else MAINTENANCE


def weeks_label(track: Track, index: int) -> str:
    """A stage's weeks as a data file writes them: "1-2", "6" or "after"."""
    stages = SCHEDULE[track]
    if index >= len(stages):
        return AFTER
    weeks = stages[index]
    return str(weeks[0]) if len(weeks) == 1 else f"{weeks[0]}-{weeks[-1]}"
