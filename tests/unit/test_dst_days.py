"""Whole days minute by minute across clock changes: on the days daylight saving starts and ends,
and when the time zone changes, reminders stay 45 real minutes apart, no duration is negative,
and working hours follow the local clock."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskbreak.core.effects import LogAnswer, LogReminder, LogSitting
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy, Outcome, PolicySettings
from deskbreak.core.work_hours import WorkHours

BERLIN = ZoneInfo("Europe/Berlin")
RULES = PolicySettings(
    timedelta(minutes=45), timedelta(minutes=5), timedelta(minutes=5), 1,
    frozenset(range(7)), WorkHours(time(9), time(18)),
)  # fmt: skip


def run_day(start_utc: datetime, hours: int, zone_at):
    """Tick every minute; `zone_at(instant)` is the zone the machine is in at that instant. The
    user types all day and skips every reminder (so they come every sit limit)."""
    policy = BreakPolicy(RULES, start_utc.astimezone(zone_at(start_utc)))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    log = []
    for minute in range(hours * 60):
        instant = start_utc + timedelta(minutes=minute)
        now = instant.astimezone(zone_at(instant))
        effects = life.tick(now, 0.0)
        log += effects
        if any(isinstance(e, LogReminder) for e in effects):
            log += life.skip(now)
    return log


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 3, 29, 5, 0, tzinfo=UTC), datetime(2026, 10, 25, 5, 0, tzinfo=UTC)],
    ids=["spring", "fall"],
)
def test_daylight_saving_days(day):
    log = run_day(day, 16, lambda _: BERLIN)
    reminders = [e.at for e in log if isinstance(e, LogReminder)]
    assert reminders and reminders[0].astimezone(BERLIN).time() == time(9, 45)  # local working day
    gaps = {b - a for a, b in zip(reminders, reminders[1:], strict=False)}
    assert gaps == {timedelta(minutes=45)}  # skip: a full sit limit each, in real minutes
    assert all(time(9) <= r.astimezone(BERLIN).time() < time(18) for r in reminders)
    for e in log:
        if isinstance(e, LogSitting):
            assert e.end >= e.start


def test_a_time_zone_change_mid_day_moves_the_working_hours_not_the_count():
    tokyo = ZoneInfo("Asia/Tokyo")
    landed = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo
    log = run_day(datetime(2026, 11, 23, 1, 0, tzinfo=UTC), 12, lambda t: BERLIN if t < landed else tokyo)
    reminders = [e.at for e in log if isinstance(e, LogReminder)]
    assert all(time(9) <= r.astimezone(tokyo).time() < time(18) for r in reminders if r >= landed)
    assert not [e for e in log if isinstance(e, LogAnswer) and e.outcome is Outcome.UNANSWERED]
    gaps = [b - a for a, b in zip(reminders, reminders[1:], strict=False)]
    assert all(g >= timedelta(minutes=45) for g in gaps)
