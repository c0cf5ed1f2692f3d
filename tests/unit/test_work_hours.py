"""Working days and hours: outside them nothing counts and nothing reminds; the count starts
when they begin; night shifts run past midnight; "always" is always."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.effects import LogReminder, LogSitting
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy, Phase, PolicySettings
from deskbreak.core.work_hours import WorkHours, next_start, parse_work_hours, working

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, tzinfo=TZ)
WEEKDAYS = frozenset(range(5))
OFFICE = WorkHours(time(9), time(18))
RULES = PolicySettings(timedelta(minutes=45), timedelta(minutes=5), timedelta(minutes=5), 3, WEEKDAYS, OFFICE)


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hh, minutes=mm)


def test_parsing_and_its_messages():
    assert parse_work_hours("09:00-18:00") == OFFICE
    assert parse_work_hours(" Always ") is None
    assert parse_work_hours("22:00-06:00") == WorkHours(time(22), time(6))
    for bad, says in (
        ("9-5", "not a time of day"),
        ("09:00", "not working hours"),
        ("10:00-10:00", "same time"),
    ):
        with pytest.raises(ValueError, match=says):
            parse_work_hours(bad)


def test_a_working_day_minute_by_minute():
    policy = BreakPolicy(RULES, at(0, 7))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    effects = []
    now = at(0, 7)
    while now <= at(1, 10):  # Monday 07:00 to Tuesday 10:00, typing all the while
        effects += [(now, e) for e in life.tick(now, 0.0)]
        now += timedelta(minutes=1)
    reminders = [t for t, e in effects if isinstance(e, LogReminder)]
    assert reminders[0] == at(0, 9, 45)  # 45 minutes after the day began, not after 07:00
    assert all(OFFICE.start <= r.timetz().replace(tzinfo=None) < OFFICE.end for r in reminders)
    assert at(1, 9, 45) in reminders and not [r for r in reminders if at(0, 18) <= r < at(1, 9)]
    ends = [e for _, e in effects if isinstance(e, LogSitting)]
    assert ends and ends[-1].end == at(0, 18) and ends[-1].ended_by == "pause"


def test_the_weekend_is_off_and_the_tooltip_knows_when_counting_starts():
    policy = BreakPolicy(RULES, at(5, 10))  # Saturday
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    assert not [e for e in life.tick(at(5, 10), 0.0) if type(e).__name__.startswith("Log")]
    status = policy.status(at(5, 10))
    assert status.phase is Phase.PAUSED and status.off_hours and status.paused_until == at(7, 9)


def test_a_night_shift_runs_past_midnight():
    night = WorkHours(time(22), time(6))
    assert working(at(0, 23), night, WEEKDAYS) and working(at(1, 5), night, WEEKDAYS)
    assert not working(at(1, 7), night, WEEKDAYS)
    assert working(at(5, 3), night, WEEKDAYS)  # Friday's shift ends on Saturday morning
    assert not working(at(5, 23), night, WEEKDAYS)


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(0, 14 * 24 * 60),
    start=st.times(),
    length=st.integers(1, 23 * 60),
    days=st.frozensets(st.integers(0, 6), min_size=1),
)
def test_the_next_start_is_the_first_working_minute_after_now(minutes, start, length, days):
    start = start.replace(second=0, microsecond=0)
    end_at = datetime.combine(MONDAY.date(), start) + timedelta(minutes=length)
    hours = WorkHours(start, end_at.time())
    if hours.start == hours.end:
        return
    now = MONDAY + timedelta(minutes=minutes)
    begin = next_start(now, hours, days)
    assert begin is not None and begin > now and working(begin, hours, days)
    if not working(now, hours, days):
        probe = now
        while probe < begin:
            assert not working(probe, hours, days), probe
            probe += timedelta(minutes=17)
