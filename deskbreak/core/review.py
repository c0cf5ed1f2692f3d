"""The weekly review's figures: a week day by day, the 52-week heatmap, streaks and check-ins.

Pure and date-based like streaks.py: the storage hands in one DaySummary per local calendar day
(kept up to date inside the database, see storage/days.py) and the check-ins; everything the
review window, `deskbreak stats` and the Monday summary show is worked out here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .settings import Settings
from .streaks import DayMark, DayTally, GoalSettings, StreakReport, WalkState, streaks
from .weeks import iso_week_label as iso_week_label
from .weeks import parse_iso_week as parse_iso_week
from .weeks import week_start as week_start

HEATMAP_WEEKS = 52
MEANINGFUL_CHANGE = 2  # points on a 0-10 scale: the usual threshold for a change that matters
CHECKIN_SCALE = (0, 10)
DEFAULT_GOALS = GoalSettings()


@dataclass(frozen=True)
class DaySummary:
    """What the history holds for one local calendar day."""

    breaks: int = 0  # breaks that count toward the goal (completed, or at least half done)
    breaks_started: int = 0  # every break opened, counted or not
    natural_breaks: int = 0
    movement_seconds: float = 0.0  # guided movement: active time in break routines
    longest_sitting_seconds: float = 0.0
    rest: bool = False  # marked as a rest day
    reminders: int = 0

    def tally(self) -> DayTally:
        return DayTally(self.breaks, self.natural_breaks, self.rest)


@dataclass(frozen=True)
class DayFigures:
    day: date
    summary: DaySummary
    mark: DayMark
    goal: int  # 0 on days off and rest days
    score: int  # breaks toward the goal (natural breaks included when they count)

    @property
    def goal_met(self) -> bool:
        return self.mark is DayMark.MET

    @property
    def share(self) -> float:
        """How much of the goal was met, 0..1 (0 where there is no goal)."""
        return min(1.0, self.score / self.goal) if self.goal else 0.0

    def to_json(self) -> dict[str, object]:
        s = self.summary
        return {
            "date": self.day.isoformat(),
            "breaks": s.breaks,
            "breaks_started": s.breaks_started,
            "goal": self.goal,
            "goal_met": self.goal_met,
            "mark": self.mark.value,
            "rest_day": s.rest,
            "movement_seconds": round(s.movement_seconds),
            "longest_sitting_seconds": round(s.longest_sitting_seconds),
            "natural_breaks": s.natural_breaks,
        }


@dataclass(frozen=True)
class WeekTotals:
    breaks: int
    movement_seconds: float
    natural_breaks: int
    longest_sitting_seconds: float
    days_met: int
    working_days: int


@dataclass(frozen=True)
class WeekFigures:
    monday: date
    days: tuple[DayFigures, ...]  # Monday to Sunday
    totals: WeekTotals
    previous: WeekTotals  # the week before, for week-over-week change

    @property
    def label(self) -> str:
        return iso_week_label(self.monday)

    @property
    def breaks_change(self) -> int:
        return self.totals.breaks - self.previous.breaks

    @property
    def movement_change_seconds(self) -> float:
        return self.totals.movement_seconds - self.previous.movement_seconds


@dataclass(frozen=True)
class CheckIn:
    """A weekly check-in: two 0-10 answers and an optional note."""

    week: str  # the ISO week it answers, e.g. "2026-W48"
    at: datetime
    stiffness: int  # upper-back stiffness, 0 none .. 10 worst
    low_back_pain: int  # 0 none .. 10 worst
    note: str = ""


@dataclass(frozen=True)
class CheckInPoint:
    """One check-in on the chart, with that week's adherence and what changed since the last."""

    checkin: CheckIn
    adherence: float  # share of that week's working days that met the goal, 0..1
    stiffness_change: int | None  # since the previous check-in
    pain_change: int | None

    @property
    def marked(self) -> bool:
        """A change of MEANINGFUL_CHANGE points or more in either answer."""
        return any(
            c is not None and abs(c) >= MEANINGFUL_CHANGE for c in (self.stiffness_change, self.pain_change)
        )


@dataclass(frozen=True)
class Review:
    today: date
    week: WeekFigures  # the week being looked at (this week unless the user went back)
    heatmap: tuple[DayFigures, ...]  # HEATMAP_WEEKS full weeks ending with this week, Monday first
    streak: StreakReport
    checkins: tuple[CheckInPoint, ...]  # oldest first, those of the heatmap's 52 weeks
    settings: GoalSettings


def _figures(day: date, summary: DaySummary, mark: DayMark, settings: GoalSettings) -> DayFigures:
    has_goal = mark not in (DayMark.OFF, DayMark.REST)
    score = summary.breaks + (summary.natural_breaks if settings.count_natural_breaks else 0)
    return DayFigures(day, summary, mark, settings.daily_goal if has_goal else 0, score)


def _mark_after_today(day: date, summary: DaySummary, settings: GoalSettings) -> DayMark:
    if day.weekday() not in settings.work_days:
        return DayMark.OFF
    return DayMark.REST if summary.rest else DayMark.UNTRACKED


def _totals(days: Iterable[DayFigures]) -> WeekTotals:
    listed = list(days)
    return WeekTotals(
        breaks=sum(d.summary.breaks for d in listed),
        movement_seconds=sum(d.summary.movement_seconds for d in listed),
        natural_breaks=sum(d.summary.natural_breaks for d in listed),
        longest_sitting_seconds=max((d.summary.longest_sitting_seconds for d in listed), default=0.0),
        days_met=sum(1 for d in listed if d.goal_met),
        working_days=sum(1 for d in listed if d.goal > 0),
    )


def first_shown(today: date, week_of: date | None = None) -> date:
    """The first day a review shows: its heatmap's, or the Monday before the week looked at.
    A saved streak walk can stand in for the days before it, never for any day from it on."""
    heatmap = week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    return min(heatmap, week_start(week_of or today) - timedelta(weeks=1))


def build_review(
    days: Mapping[date, DaySummary],
    checkins: Iterable[CheckIn],
    today: date,
    settings: GoalSettings = DEFAULT_GOALS,
    week_of: date | None = None,
    since: date | None = None,
    resume: WalkState | None = None,
) -> Review:
    """Everything the review shows as of `today`; `week_of` picks the week looked at (any day in it).

    `resume`: a saved streak walk (see streaks.WalkState), used when it ends before every day
    shown; `days` must then hold at least the days after it. The new one is in
    `review.streak.checkpoint`. Days before the history began (`since`) have no goal.
    """
    monday = week_start(week_of or today)
    first = week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    shown_from = first_shown(today, week_of)
    if resume is not None and resume.through >= shown_from:
        resume = None
    tallies = {d: s.tally() for d, s in days.items()}
    report = streaks(tallies, today, settings, since, resume=resume, keep_from=shown_from)
    start = since if since is not None else min(days, default=today)
    empty = DaySummary()

    def figures(day: date) -> DayFigures:
        summary = days.get(day, empty)
        mark = report.marks.get(day) or _mark_after_today(day, summary, settings)
        if day < start and mark is DayMark.UNTRACKED:
            return DayFigures(day, summary, mark, 0, summary.breaks)  # before deskbreak was in use
        return _figures(day, summary, mark, settings)

    def week(monday: date) -> tuple[DayFigures, ...]:
        return tuple(figures(monday + timedelta(days=n)) for n in range(7))

    this_week = week(monday)
    heatmap = tuple(figures(first + timedelta(days=n)) for n in range(7 * HEATMAP_WEEKS))
    return Review(
        today=today,
        week=WeekFigures(monday, this_week, _totals(this_week), _totals(week(monday - timedelta(weeks=1)))),
        heatmap=heatmap,
        streak=report,
        # The chart covers the heatmap's year; a change is still measured from the check-in before.
        checkins=checkin_points(checkins, lambda m: _totals(week(m)), shown_from=first),
        settings=settings,
    )


def checkin_points(
    checkins: Iterable[CheckIn],
    totals_of: Callable[[date], WeekTotals] | None = None,
    shown_from: date | None = None,
) -> tuple[CheckInPoint, ...]:
    """The check-ins oldest first (the latest one per week), with adherence and changes; only
    those from the week of `shown_from` on (the one before still counts for the change)."""
    latest: dict[date, CheckIn] = {}
    for item in sorted(checkins, key=lambda c: c.at):
        try:
            latest[parse_iso_week(item.week)] = item
        except ValueError:  # an unreadable week (hand-edited or imported) is left off the chart
            continue
    points: list[CheckInPoint] = []
    previous: CheckIn | None = None
    for monday in sorted(latest):
        item = latest[monday]
        if shown_from is not None and monday < week_start(shown_from):
            previous = item
            continue
        totals = totals_of(monday) if totals_of is not None else None
        adherence = totals.days_met / totals.working_days if totals and totals.working_days else 0.0
        points.append(
            CheckInPoint(
                item,
                adherence,
                item.stiffness - previous.stiffness if previous else None,
                item.low_back_pain - previous.low_back_pain if previous else None,
            )
        )
        previous = item
    return tuple(points)


def summary_line(review: Review) -> str:
    """The Monday notification: last week's days met and the streak, in one sentence."""
    last = review.week.previous
    streak = review.streak.current
    days = "day" if streak == 1 else "days"
    working = "working day" if last.working_days == 1 else "working days"
    return (
        f"Last week you met your goal on {last.days_met} of {last.working_days} {working}. "
        f"Current streak: {streak} {days} (best {review.streak.best})."
    )


def goal_settings(settings: Settings) -> GoalSettings:
    """The goal rules from the user's settings."""
    return GoalSettings(settings.daily_goal, settings.work_days, settings.count_natural_breaks)
