"""Daily goals and streaks: which days met the goal, the current and best streak, and freezes.

Pure and date-based: the caller hands in one tally per local calendar day (the day each event
happened where the user was), so DST, travel and a changed timezone never move a break to
another day here.

The rules, in words a user reads in the review:
- A working day meets the goal with `daily_goal` counted breaks. A break counts when its
  routine was completed, or ended early after at least half of its steps; natural breaks
  count only when the user asks for it.
- A streak is the run of consecutive working days that met the goal. Days off (not a working
  day) and days marked rest neither break nor extend it.
- Today counts once it is met; until then it is pending and the streak shown is the one through
  the last working day.
- A freeze is earned for each full working week (Monday to Sunday) with every working day met;
  at most `max_freezes` are held. A missed past working day spends one automatically: the streak
  goes on through it (without growing), and the review names the day it covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .weeks import week_start as week_start

MONDAY_TO_FRIDAY = frozenset(range(5))  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class GoalSettings:
    daily_goal: int = 4
    work_days: frozenset[int] = MONDAY_TO_FRIDAY
    count_natural_breaks: bool = False
    max_freezes: int = 2


@dataclass(frozen=True)
class DayTally:
    """What happened on one local calendar day."""

    breaks: int = 0  # breaks that count (see counts_toward_goal)
    natural_breaks: int = 0
    rest: bool = False  # marked as a rest day by the user


class DayMark(StrEnum):
    MET = "met"
    MISSED = "missed"
    FROZEN = "frozen"  # missed, covered by a freeze
    REST = "rest"
    OFF = "off"  # not a working day
    PENDING = "pending"  # today, not met yet
    UNTRACKED = "untracked"  # before the history began, or after today


@dataclass(frozen=True)
class StreakReport:
    current: int
    best: int
    today_pending: bool
    week_met: int  # working days met this week (Monday to Sunday), today included once met
    week_working_days: int  # working days this week that are not rest days
    freezes_held: int
    freezes_used: tuple[date, ...]  # the days each freeze covered, oldest first
    marks: Mapping[date, DayMark] = field(default_factory=dict)
    checkpoint: WalkState | None = None  # where a later call may resume (see streaks())


@dataclass(frozen=True)
class WalkState:
    """The running figures at the end of a Sunday: a walk can resume from here instead of from
    the first day of the history (a long history then costs no more than a short one). Valid
    only for the settings it was made with and while no day up to `through` changes."""

    through: date  # a Sunday
    start: date  # the first day of the history the walk began at
    current: int
    best: int
    freezes: int
    used: tuple[date, ...]
    settings: GoalSettings


def counts_toward_goal(completed: bool, steps_done: int | None, steps_total: int | None) -> bool:
    """A break counts when its routine was completed, or ended after at least half its steps."""
    if completed:
        return True
    if not steps_total or steps_done is None:
        return False
    return 2 * steps_done >= steps_total


class _Walk:
    """Walks the days in order, keeping the running figures."""

    def __init__(self, settings: GoalSettings) -> None:
        self.settings = settings
        self.current = 0
        self.best = 0
        self.freezes = 0
        self.used: list[date] = []
        self.marks: dict[date, DayMark] = {}
        self.week_all_met = True

    def state(self, sunday: date, start: date) -> WalkState:
        return WalkState(
            sunday, start, self.current, self.best, self.freezes, tuple(self.used), self.settings
        )

    def resume(self, state: WalkState) -> None:
        self.current, self.best, self.freezes = state.current, state.best, state.freezes
        self.used = list(state.used)

    def score(self, tally: DayTally) -> int:
        extra = tally.natural_breaks if self.settings.count_natural_breaks else 0
        return tally.breaks + extra

    def past_day(self, day: date, tally: DayTally) -> None:
        if day.weekday() not in self.settings.work_days:
            self.marks[day] = DayMark.OFF
        elif tally.rest:
            self.marks[day] = DayMark.REST
        elif self.score(tally) >= self.settings.daily_goal:
            self.marks[day] = DayMark.MET
            self.current += 1
            self.best = max(self.best, self.current)
        else:
            self.week_all_met = False
            if self.freezes > 0:
                self.freezes -= 1
                self.used.append(day)
                self.marks[day] = DayMark.FROZEN
            else:
                self.marks[day] = DayMark.MISSED
                self.current = 0

    def week_ended(self, sunday: date, full_week: bool) -> None:
        """A Monday-to-Sunday week is over: every working day of it met earns a freeze."""
        week = [sunday - timedelta(days=n) for n in range(7)]
        worked = any(self.marks.get(day) is DayMark.MET for day in week)
        if full_week and worked and self.week_all_met:
            self.freezes = min(self.settings.max_freezes, self.freezes + 1)
        self.week_all_met = True


def streaks(
    days: Mapping[date, DayTally],
    today: date,
    settings: GoalSettings = GoalSettings(),
    since: date | None = None,
    resume: WalkState | None = None,
    keep_from: date | None = None,
) -> StreakReport:
    """The streak figures as of `today` from per-day tallies; history begins at `since` (or the
    first tallied day): days before it are neither missed nor met.

    `resume`: carry on from a saved WalkState (used only if it fits: same settings and start,
    before today); `days` then needs only the days after it. The report's `checkpoint` is the
    state at the last Sunday before `keep_from` (default: today), for the next call."""
    start = since if since is not None else min((d for d in days if d <= today), default=today)
    start = min(start, today)
    walk = _Walk(settings)
    empty = DayTally()
    day = start
    if (
        resume is not None
        and resume.settings == settings
        and resume.start == start
        and resume.through < today
    ):
        walk.resume(resume)
        day = resume.through + timedelta(days=1)
    keep_before = keep_from if keep_from is not None else today
    checkpoint: WalkState | None = None
    while day < today:
        walk.past_day(day, days.get(day, empty))
        if day.weekday() == 6:  # Sunday: the week is over
            walk.week_ended(day, full_week=week_start(day) >= start)
            if day < keep_before:
                checkpoint = walk.state(day, start)
        day += timedelta(days=1)

    tally = days.get(today, empty)
    pending = False
    if today.weekday() not in settings.work_days:
        walk.marks[today] = DayMark.OFF
    elif tally.rest:
        walk.marks[today] = DayMark.REST
    elif walk.score(tally) >= settings.daily_goal:
        walk.marks[today] = DayMark.MET
        walk.current += 1
        walk.best = max(walk.best, walk.current)
    else:
        walk.marks[today] = DayMark.PENDING
        pending = True

    monday = week_start(today)
    week = [monday + timedelta(days=n) for n in range(7)]
    working = [d for d in week if d.weekday() in settings.work_days and not days.get(d, empty).rest]
    met = sum(1 for d in working if walk.marks.get(d) is DayMark.MET)
    return StreakReport(
        current=walk.current,
        best=walk.best,
        today_pending=pending,
        week_met=met,
        week_working_days=len(working),
        freezes_held=walk.freezes,
        freezes_used=tuple(walk.used),
        marks=dict(walk.marks),
        checkpoint=checkpoint if checkpoint is not None else resume,
    )


def tally(
    breaks: Iterable[tuple[date, bool]], natural: Iterable[date] = (), rest: Iterable[date] = ()
) -> dict[date, DayTally]:
    """Per-day tallies from (local day, counts) pairs for breaks, natural breaks and rest days."""
    counted: dict[date, int] = {}
    for day, counts in breaks:
        counted[day] = counted.get(day, 0) + (1 if counts else 0)
    naturals: dict[date, int] = {}
    for day in natural:
        naturals[day] = naturals.get(day, 0) + 1
    rested = set(rest)
    every = set(counted) | set(naturals) | rested
    return {d: DayTally(counted.get(d, 0), naturals.get(d, 0), d in rested) for d in every}
