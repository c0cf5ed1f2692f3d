"""Goals and streaks over hand-computed calendars, and their invariants over generated ones."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.streaks import (
    DayMark,
    DayTally,
    GoalSettings,
    counts_toward_goal,
    streaks,
    tally,
)

MON = date(2026, 11, 2)  # a Monday
GOAL = GoalSettings(daily_goal=4)


def day(n: int) -> date:
    """Days from Monday 2 November 2026: 0 Mon, 4 Fri, 5 Sat, 7 the next Monday."""
    return MON + timedelta(days=n)


def met(*days: int) -> dict[date, DayTally]:
    return {day(n): DayTally(breaks=4) for n in days}


def weekdays(first: int, last: int) -> list[int]:
    return [n for n in range(first, last + 1) if day(n).weekday() < 5]


def test_a_working_week_met_and_the_weekend_off_keep_the_streak():
    report = streaks(met(0, 1, 2, 3, 4, 7), today=day(7))
    assert (report.current, report.best) == (6, 6)
    assert report.marks[day(5)] is DayMark.OFF and report.marks[day(6)] is DayMark.OFF
    assert not report.today_pending


def test_today_counts_once_met_and_is_pending_until_then():
    days = {**met(0, 1, 2, 3), day(4): DayTally(breaks=2)}
    report = streaks(days, today=day(4))
    assert (report.current, report.today_pending) == (4, True)
    assert (report.week_met, report.week_working_days) == (4, 5)
    days[day(4)] = DayTally(breaks=4)
    report = streaks(days, today=day(4))
    assert (report.current, report.today_pending, report.week_met) == (5, False, 5)


def test_a_missed_working_day_without_a_freeze_ends_the_streak():
    report = streaks({**met(0, 1, 3, 4), day(2): DayTally(breaks=3)}, today=day(4))
    assert (report.current, report.best) == (2, 2)
    assert report.marks[day(2)] is DayMark.MISSED


def test_a_rest_day_neither_breaks_nor_extends_the_streak():
    report = streaks({**met(0, 1, 3, 4), day(2): DayTally(rest=True)}, today=day(4))
    assert (report.current, report.best) == (4, 4)
    assert (report.week_met, report.week_working_days) == (4, 4)


def test_a_full_week_earns_a_freeze_that_covers_a_missed_day_and_is_named():
    days = met(*weekdays(0, 4), 7, 9)  # week 1 all met; week 2: Mon met, Tue missed, Wed met
    report = streaks(days, today=day(9))
    assert report.freezes_used == (day(8),)
    assert report.marks[day(8)] is DayMark.FROZEN
    assert report.current == 7  # 5 + Monday + Wednesday: the frozen Tuesday does not add
    assert report.freezes_held == 0


def test_at_most_two_freezes_are_held_and_a_week_with_a_miss_earns_none():
    three_weeks = met(*weekdays(0, 18))
    assert streaks(three_weeks, today=day(21)).freezes_held == 2
    two_then_a_miss = met(*[n for n in weekdays(0, 18) if n != 15])
    report = streaks(two_then_a_miss, today=day(21))
    assert report.freezes_used == (day(15),)
    assert report.freezes_held == 1  # two earned, one spent, none earned in the week with the miss


def test_a_week_the_history_began_in_the_middle_of_earns_no_freeze():
    report = streaks(met(2, 3, 4), today=day(8), since=day(2))
    assert report.freezes_held == 0
    assert report.marks[day(7)] is DayMark.MISSED  # Monday of week 2, nothing done
    assert report.current == 0


def test_days_before_the_history_began_are_not_missed():
    report = streaks(met(3, 4), today=day(4))
    assert report.current == 2
    assert day(0) not in report.marks


def test_iso_week_53_and_the_year_boundary():
    first = date(2026, 12, 28)  # Monday of 2026-W53; Sunday is 3 January 2027
    assert first.isocalendar()[:2] == (2026, 53)
    days = {
        first + timedelta(days=n): DayTally(breaks=5)
        for n in range(12)
        if (first + timedelta(days=n)).weekday() < 5
    }
    missed = date(2027, 1, 6)
    del days[missed]
    report = streaks(days, today=date(2027, 1, 8))
    assert report.freezes_used == (missed,)  # earned by the full week 53, spent in 2027-W01
    assert report.current == 9


def test_natural_breaks_count_only_when_asked():
    days = {day(0): DayTally(breaks=2, natural_breaks=2)}
    assert streaks(days, today=day(0)).today_pending
    with_natural = GoalSettings(daily_goal=4, count_natural_breaks=True)
    assert streaks(days, today=day(0), settings=with_natural).current == 1


def test_other_working_days_and_goals():
    six_days = GoalSettings(daily_goal=1, work_days=frozenset(range(6)))
    report = streaks({day(n): DayTally(breaks=1) for n in range(6)}, today=day(6), settings=six_days)
    assert report.current == 6 and report.marks[day(6)] is DayMark.OFF
    assert (report.week_met, report.week_working_days) == (6, 6)


def test_a_break_counts_when_completed_or_at_least_half_done():
    assert counts_toward_goal(True, 0, 4)
    assert counts_toward_goal(False, 2, 4)
    assert not counts_toward_goal(False, 1, 3)
    assert not counts_toward_goal(False, 0, 0)
    assert not counts_toward_goal(False, None, None)


def test_tallies_by_day():
    days = tally(
        [(day(0), True), (day(0), False), (day(0), True), (day(1), True)], natural=[day(1)], rest=[day(2)]
    )
    assert days == {
        day(0): DayTally(2, 0, False),
        day(1): DayTally(1, 1, False),
        day(2): DayTally(0, 0, True),
    }


# -- invariants over generated calendars -------------------------------------------------------

calendars = st.dictionaries(
    st.integers(0, 69).map(day),
    st.builds(DayTally, breaks=st.integers(0, 6), natural_breaks=st.integers(0, 3), rest=st.booleans()),
    max_size=70,
)
goal_settings = st.builds(
    GoalSettings,
    daily_goal=st.integers(1, 6),
    work_days=st.frozensets(st.integers(0, 6), min_size=1),
    count_natural_breaks=st.booleans(),
)
todays = st.integers(0, 69).map(day)


@settings(max_examples=400, deadline=None)
@given(calendars, todays, goal_settings)
def test_figures_stay_in_range(days, today, goal):
    report = streaks(days, today, goal)
    assert 0 <= report.current <= report.best
    assert 0 <= report.freezes_held <= goal.max_freezes
    assert 0 <= report.week_met <= report.week_working_days <= 7
    for covered in report.freezes_used:
        assert covered < today and covered.weekday() in goal.work_days
        assert not days.get(covered, DayTally()).rest
    assert list(report.freezes_used) == sorted(report.freezes_used)


@settings(max_examples=400, deadline=None)
@given(calendars, todays, goal_settings, st.integers(0, 69).map(day))
def test_one_more_counted_break_never_lowers_a_streak(days, today, goal, extra_day):
    before = streaks(days, today, goal, since=day(0))
    old = days.get(extra_day, DayTally())
    more = {**days, extra_day: DayTally(old.breaks + 1, old.natural_breaks, old.rest)}
    after = streaks(more, today, goal, since=day(0))
    assert after.current >= before.current and after.best >= before.best


@settings(max_examples=400, deadline=None)
@given(calendars, todays, goal_settings, st.integers(0, 69).map(day))
def test_resting_on_a_missed_day_never_lowers_the_streak(days, today, goal, rest_day):
    before = streaks(days, today, goal, since=day(0))
    if before.marks.get(rest_day) not in (DayMark.MISSED, DayMark.FROZEN, DayMark.PENDING):
        return
    old = days.get(rest_day, DayTally())
    after = streaks(
        {**days, rest_day: DayTally(old.breaks, old.natural_breaks, True)}, today, goal, since=day(0)
    )
    assert after.current >= before.current


@settings(max_examples=200, deadline=None)
@given(todays, goal_settings, st.sets(st.integers(0, 69).map(day)))
def test_every_day_met_gives_a_streak_of_every_working_day(today, goal, rests):
    days = {day(n): DayTally(breaks=goal.daily_goal, rest=day(n) in rests) for n in range(70)}
    report = streaks(days, today, goal, since=day(0))
    working = [
        day(n)
        for n in range((today - day(0)).days + 1)
        if day(n).weekday() in goal.work_days and day(n) not in rests
    ]
    assert report.current == report.best == len(working)
    assert report.freezes_used == ()


@settings(max_examples=400, deadline=None)
@given(calendars, todays, goal_settings, st.integers(0, 69).map(day))
def test_resuming_from_a_checkpoint_gives_the_same_figures_as_walking_everything(days, today, goal, keep):
    """A long history is walked from a saved Sunday, not from its first day: same answer."""
    full = streaks(days, today, goal, since=day(0))
    checkpoint = streaks(days, today, goal, since=day(0), keep_from=keep).checkpoint
    if checkpoint is None:
        return  # no Sunday before `keep` and today
    assert checkpoint.through.weekday() == 6 and checkpoint.through < min(keep, today)
    later = {d: t for d, t in days.items() if d > checkpoint.through}  # all a resumed walk needs
    resumed = streaks(later, today, goal, since=day(0), resume=checkpoint)
    assert (resumed.current, resumed.best, resumed.today_pending) == (
        full.current,
        full.best,
        full.today_pending,
    )
    assert (resumed.freezes_held, resumed.freezes_used) == (full.freezes_held, full.freezes_used)
    assert (resumed.week_met, resumed.week_working_days) == (full.week_met, full.week_working_days)
    assert {d: m for d, m in full.marks.items() if d > checkpoint.through} == dict(resumed.marks)


def test_a_checkpoint_made_under_other_settings_or_another_start_is_not_used():
    days = {day(n): DayTally(breaks=4) for n in range(30)}
    checkpoint = streaks(days, day(29), GoalSettings(), since=day(0)).checkpoint
    assert checkpoint is not None
    other_goal = streaks({}, day(29), GoalSettings(daily_goal=5), since=day(0), resume=checkpoint)
    assert other_goal.current == 0  # walked from the start (over no data), not resumed
    other_start = streaks({}, day(29), GoalSettings(), since=day(1), resume=checkpoint)
    assert other_start.current == 0
