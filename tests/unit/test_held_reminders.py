"""A reminder that falls due during a call, a fullscreen window or do-not-disturb waits, and
comes as soon as that ends; the check is made only when a reminder is due."""

from __future__ import annotations

from datetime import timedelta

from desk import SETTINGS, at

from deskbreak.core.policy import (
    HOLD_RECHECK,
    BreakPolicy,
    Phase,
    ReminderDue,
    ReminderHeld,
    ReminderRepeated,
)


class Meeting:
    """A call from `start` to `end`; counts how often it was asked."""

    def __init__(self, start, end):
        self.start, self.end, self.asked, self.now = start, end, 0, None

    def __call__(self):
        self.asked += 1
        return "in a call" if self.start <= self.now < self.end else None


def run(policy, hold, until, step=timedelta(seconds=30)):
    events, now = [], at(9, 0)
    while now <= until:
        hold.now = now
        events += [(now, e) for e in policy.tick(now, 0.0, None, hold)]
        now += step
    return events


def test_a_reminder_due_during_a_call_comes_when_the_call_ends():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    call = Meeting(at(9, 30), at(10, 12))
    events = run(policy, call, at(10, 13))
    assert events == [
        (at(9, 45), ReminderHeld(at(9, 45), "in a call")),
        (at(10, 12), ReminderDue(at(10, 12), timedelta(minutes=72))),
    ]
    assert policy.status(at(10, 13)).held is None


def test_it_is_asked_only_when_a_reminder_is_due_and_then_twice_a_minute():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    call = Meeting(at(9, 30), at(10, 0))
    run(policy, call, at(9, 44, 30))
    assert call.asked == 0  # nothing due yet: no scanning for cameras all morning
    run(policy, call, at(10, 0))
    assert call.asked <= (timedelta(minutes=15) // HOLD_RECHECK) + 2


def test_while_held_the_tooltip_can_say_why_and_repeats_wait_too():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    fullscreen = Meeting(at(9, 47), at(9, 58))
    fullscreen_reason = lambda: "a fullscreen window" if fullscreen() else None  # noqa: E731
    fullscreen_reason.now = None
    events = []
    now = at(9, 0)
    while now <= at(10, 0):
        fullscreen.now = now
        events += [(now, e) for e in policy.tick(now, 0.0, None, fullscreen_reason)]
        if now == at(9, 50):
            status = policy.status(now)
            assert status.phase is Phase.DUE and status.held == "a fullscreen window"
        now += timedelta(seconds=30)
    assert [(t, type(e).__name__) for t, e in events] == [
        (at(9, 45), "ReminderDue"),
        (at(9, 50), "ReminderHeld"),  # the repeat waits for the presentation to end
        (at(9, 58), "ReminderRepeated"),
    ]
    assert [e for _, e in events if isinstance(e, ReminderRepeated)][0].times == 2
