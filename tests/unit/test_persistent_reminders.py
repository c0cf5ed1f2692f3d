"""A reminder left unanswered persists politely: again after each snooze length, up to
max_reminders times, then logged unanswered and the count starts again; never a burst."""

from __future__ import annotations

from datetime import timedelta

from desk import SETTINGS, Desk, at
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.effects import LogAnswer, LogReminder, ShowReminder, WithdrawReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import (
    BreakPolicy,
    Outcome,
    Phase,
    PolicySettings,
    ReminderAnswered,
    ReminderDue,
    ReminderRepeated,
)


def test_an_ignored_reminder_comes_three_times_then_counts_as_unanswered_and_starts_over():
    desk = Desk()
    desk.run_until(at(11, 0))
    assert [(t, type(e).__name__) for t, e in desk.events] == [
        (at(9, 45), "ReminderDue"),
        (at(9, 50), "ReminderRepeated"),
        (at(9, 55), "ReminderRepeated"),
        (at(10, 0), "ReminderAnswered"),  # unanswered after the third: the count starts again
        (at(10, 45), "ReminderDue"),
        (at(10, 50), "ReminderRepeated"),
        (at(10, 55), "ReminderRepeated"),
        (at(11, 0), "ReminderAnswered"),
    ]
    assert desk.events[3][1] == ReminderAnswered(Outcome.UNANSWERED, at(10, 0))
    assert [e.times for _, e in desk.events if isinstance(e, ReminderRepeated)] == [2, 3, 2, 3]


def test_the_tray_knows_how_many_times_it_has_reminded():
    desk = Desk()
    desk.run_until(at(9, 51))
    status = desk.policy.status(desk.now)
    assert status.phase is Phase.DUE and status.reminded == 2


def test_answering_stops_the_repeats():
    desk = Desk()
    desk.run_until(at(9, 47))
    desk.act(at(9, 47), desk.policy.snooze)
    desk.run_until(at(9, 52))
    assert [type(e) for _, e in desk.events] == [ReminderDue, ReminderDue]  # the snooze's, at 9:52
    desk.act(at(9, 53), desk.policy.skip)
    desk.run_until(at(10, 30))
    assert [type(e) for _, e in desk.events] == [ReminderDue, ReminderDue]


def test_the_lifecycle_shows_the_same_reminder_again_and_withdraws_it_when_unanswered():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    effects = []
    for minute in range(0, 61):
        effects += life.tick(at(9, 0) + timedelta(minutes=minute), 0.0)
    shown = [e for e in effects if isinstance(e, ShowReminder)]
    logged = [e for e in effects if isinstance(e, LogReminder)]
    answers = [e for e in effects if isinstance(e, LogAnswer)]
    assert len(logged) == 1 and [s.reminder for s in shown] == [logged[0].reminder] * 3
    assert answers == [LogAnswer(logged[0].reminder, Outcome.UNANSWERED, at(10, 0))]
    assert any(isinstance(e, WithdrawReminder) for e in effects)


@settings(max_examples=150, deadline=None)
@given(
    sit=st.integers(1, 120),
    snooze=st.integers(1, 30),
    most=st.integers(1, 10),
    hours=st.integers(1, 10),
)
def test_never_more_reminders_than_allowed_and_never_two_within_a_snooze(sit, snooze, most, hours):
    rules = PolicySettings(timedelta(minutes=sit), timedelta(minutes=snooze), SETTINGS.natural_break, most)
    desk = Desk(policy_factory=lambda now: BreakPolicy(rules, now))
    desk.run_until(at(9, 0) + timedelta(hours=hours))
    shown = [t for t, e in desk.events if isinstance(e, ReminderDue | ReminderRepeated)]
    assert all(b - a >= rules.snooze for a, b in zip(shown, shown[1:], strict=False))
    run = 0
    for _, event in desk.events:
        run = 1 if isinstance(event, ReminderDue) else run + isinstance(event, ReminderRepeated)
        assert run <= most


def test_after_a_suspend_there_is_never_a_burst_of_reminders():
    """Asleep through several repeat times: on waking, none if the sleep was a natural break,
    otherwise at most one."""
    for asleep_minutes, most in ((4, 1), (12, 0), (90, 0)):
        policy = BreakPolicy(SETTINGS, at(9, 0))
        mono = 0.0
        for minute in range(46):
            now = at(9, minute)
            policy.tick(now, 0.0, mono)
            mono += 60
        woke = at(9, 45) + timedelta(minutes=asleep_minutes)  # the monotonic clock stood still
        events = policy.tick(woke, 0.0, mono)
        shown = [e for e in events if isinstance(e, ReminderDue | ReminderRepeated)]
        assert len(shown) <= most, (asleep_minutes, events)
