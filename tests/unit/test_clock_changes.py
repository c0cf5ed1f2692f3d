"""The wall clock set back (by hand or by time sync) must not delay the reminder by the jump.

The policy sees only wall times, so the real time between the last check and the jump (here
30 s) is not counted: the reminder may come that much late, never an hour late.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.policy import BreakPolicy, Phase, PolicySettings, ReminderDue

SETTINGS = PolicySettings(timedelta(minutes=45), timedelta(minutes=5), timedelta(minutes=5))


def _tick_until_reminder(policy: BreakPolicy, clock: FakeClock, limit: timedelta) -> timedelta:
    """Real (monotonic) time that passes, ticking as the app does, until the reminder comes."""
    start = clock.monotonic()
    while clock.monotonic() - start < limit.total_seconds():
        if any(isinstance(e, ReminderDue) for e in policy.tick(clock.now(), 0.0)):
            return timedelta(seconds=clock.monotonic() - start)
        clock.advance(policy.next_wakeup(clock.now(), 0.0) - clock.now())
    raise AssertionError("no reminder")


def test_clock_set_back_an_hour_mid_stretch_keeps_the_real_sitting_time():
    clock = FakeClock(datetime(2026, 3, 29, 9, 0, tzinfo=UTC))
    policy = BreakPolicy(SETTINGS, clock.now())
    for _ in range(60):  # 30 minutes of ticks
        policy.tick(clock.now(), 0.0)
        clock.advance(30)
    clock.jump_wall(-timedelta(hours=1))
    policy.tick(clock.now(), 0.0)
    status = policy.status(clock.now())
    assert timedelta(minutes=29, seconds=30) <= status.sitting_for <= timedelta(minutes=30)
    waited = _tick_until_reminder(policy, clock, timedelta(hours=3))
    assert timedelta(minutes=15) <= waited <= timedelta(minutes=15, seconds=30)


def test_clock_set_back_while_snoozed_keeps_the_snooze_length():
    clock = FakeClock(datetime(2026, 3, 29, 9, 0, tzinfo=UTC))
    policy = BreakPolicy(SETTINGS, clock.now())
    assert _tick_until_reminder(policy, clock, timedelta(hours=1)) == timedelta(minutes=45)
    policy.snooze(clock.now())
    clock.advance(20)
    clock.jump_wall(-timedelta(minutes=20))
    waited = _tick_until_reminder(policy, clock, timedelta(hours=1))
    assert timedelta(minutes=4, seconds=40) <= waited <= timedelta(minutes=5)
    assert policy.phase is Phase.DUE
