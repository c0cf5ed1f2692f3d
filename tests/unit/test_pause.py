"""Pause: nothing counts and nothing reminds until it ends (by time or by resume); it survives a
restart; a due reminder is dropped as skipped; the stretch under way ends "by pause"."""

from __future__ import annotations

from datetime import timedelta

from desk import SETTINGS, Desk, at
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.effects import LogAnswer, LogSitting, WithdrawReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import UNTIL_RESUMED, BreakPolicy, Outcome, Phase, ReminderDue, Resumed


def test_a_half_hour_pause_holds_every_reminder_and_the_count_starts_when_it_ends():
    desk = Desk()
    desk.run_until(at(9, 30))
    desk.act(at(9, 30), lambda now: desk.policy.pause(now, now + timedelta(minutes=30)))
    desk.run_until(at(9, 59, 59))
    assert desk.policy.status(desk.now).phase is Phase.PAUSED
    assert desk.events == []
    desk.run_until(at(10, 46))
    assert [(t, e) for t, e in desk.events] == [
        (at(10, 0), Resumed(at(10, 0))),
        (at(10, 45), ReminderDue(at(10, 45), timedelta(minutes=45))),
    ]


def test_the_wake_up_lands_exactly_when_the_pause_ends():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    policy.pause(at(9, 0), at(9, 0, 30))
    assert policy.next_wakeup(at(9, 0), 0.0) == at(9, 0, 30)


def test_pausing_drops_a_due_reminder_as_skipped_and_ends_the_stretch():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    life.tick(at(9, 0), 0.0)
    effects = life.tick(at(9, 45), 0.0)
    [reminder] = [e.reminder for e in effects if hasattr(e, "reminder") and hasattr(e, "sitting_for")][:1]
    effects = life.pause(at(9, 46), UNTIL_RESUMED)
    assert LogAnswer(reminder, Outcome.SKIPPED, at(9, 46)) in effects
    assert WithdrawReminder() in effects
    assert LogSitting(at(9, 0), at(9, 46), "pause") in effects
    assert life.tick(at(17, 0), 9999.0) == []  # all afternoon, nothing
    assert policy.status(at(17, 0)).paused_until == UNTIL_RESUMED
    life.resume(at(17, 0))
    assert policy.status(at(17, 0)).due_at == at(17, 45)


def test_a_pause_outlives_a_restart_however_long_the_app_was_off():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    policy.pause(at(9, 10), at(13, 0))
    saved = policy.saved(at(9, 10))
    again = BreakPolicy(SETTINGS, at(11, 0), saved)
    assert again.status(at(11, 0)).phase is Phase.PAUSED
    assert again.tick(at(12, 59), 0.0) == []
    assert again.tick(at(13, 0), 0.0) == [Resumed(at(13, 0))]
    over = BreakPolicy(SETTINGS, at(14, 0), saved)  # the pause ended while the app was off
    assert over.status(at(14, 0)).phase is Phase.SITTING


def test_no_pause_during_a_break():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    life.request_break(at(9, 5))
    assert life.pause(at(9, 6), at(10, 0)) == [] and policy.phase is Phase.ON_BREAK


@settings(max_examples=100, deadline=None)
@given(start=st.integers(0, 200), length=st.integers(1, 300), idle=st.sampled_from([0.0, 30.0, 4000.0]))
def test_nothing_reminds_while_paused_and_the_count_restarts_at_its_end(start, length, idle):
    policy = BreakPolicy(SETTINGS, at(9, 0))
    begin = at(9, 0) + timedelta(minutes=start)
    for minute in range(start):
        policy.tick(at(9, 0) + timedelta(minutes=minute), 0.0)
    policy.pause(begin, begin + timedelta(minutes=length))
    for minute in range(length):
        assert policy.tick(begin + timedelta(minutes=minute), idle) == []
    end = begin + timedelta(minutes=length)
    assert policy.tick(end, 0.0) == [Resumed(end)]
    assert policy.status(end).due_at == end + SETTINGS.sit_limit
