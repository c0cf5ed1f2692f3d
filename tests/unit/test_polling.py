"""How often the app wakes: rarely at the desk (idle cost), more often while away (to see the return)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deskbreak.core.policy import BreakPolicy, Phase, PolicySettings

SETTINGS = PolicySettings(timedelta(minutes=45), timedelta(minutes=5), timedelta(minutes=5))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_at_the_desk_one_check_a_minute_with_due_time_and_natural_break_booked_exactly():
    policy = BreakPolicy(SETTINGS, T0)
    policy.tick(T0, 0.0)
    assert policy.next_wakeup(T0, 0.0) == T0 + timedelta(minutes=1)
    # Idle for 4 min 30 s: the check comes exactly when it would become a natural break.
    assert policy.next_wakeup(T0, 270.0) == T0 + timedelta(seconds=30)
    near_due = T0 + timedelta(minutes=44, seconds=40)
    assert policy.next_wakeup(near_due, 0.0) == T0 + timedelta(minutes=45)


def test_while_away_checks_twice_a_minute_and_catches_the_first_input_back():
    policy = BreakPolicy(SETTINGS, T0)
    now = T0 + timedelta(minutes=1)
    policy.tick(now, 0.0)
    now += timedelta(minutes=1)
    policy.tick(now, 400.0)  # asleep or away for over 5 min
    assert policy.phase is Phase.AWAY
    assert policy.next_wakeup(now, 400.0) == now + timedelta(seconds=30)
    now += timedelta(seconds=30)
    policy.tick(now, 12.0)  # a key was pressed 12 s ago, then the user read for a while
    assert policy.phase is Phase.SITTING
    assert policy.tracker.sitting_since == now - timedelta(seconds=12)
