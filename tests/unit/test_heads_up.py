"""The optional heads-up: a quiet notice a minute before the reminder, once per due time; off by
default; a snoozed reminder gets none (the user has just answered)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from desk import SETTINGS, Desk, at

from deskbreak.core.effects import ShowHeadsUp, ShowReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy, HeadsUp, ReminderDue

WARNED = replace(SETTINGS, heads_up=True)


def test_a_minute_before_the_reminder_and_once():
    desk = Desk(policy_factory=lambda now: BreakPolicy(WARNED, now))
    desk.run_until(at(9, 46))
    assert desk.events[:2] == [
        (at(9, 44), HeadsUp(at(9, 44), at(9, 45))),
        (at(9, 45), ReminderDue(at(9, 45), timedelta(minutes=45))),
    ]


def test_off_by_default():
    desk = Desk()
    desk.run_until(at(9, 46))
    assert not [e for _, e in desk.events if isinstance(e, HeadsUp)]


def test_the_lifecycle_shows_it_as_its_own_quiet_notice():
    life = BreakLifecycle(BreakPolicy(WARNED, at(9, 0)), timedelta(minutes=3), 3)
    effects = life.tick(at(9, 44), 0.0)
    assert effects == [ShowHeadsUp(at(9, 45))]
    assert any(isinstance(e, ShowReminder) for e in life.tick(at(9, 45), 0.0))


def test_a_snoozed_reminder_comes_without_one():
    desk = Desk(policy_factory=lambda now: BreakPolicy(WARNED, now))
    desk.run_until(at(9, 45))
    desk.act(at(9, 45, 10), desk.policy.snooze)
    desk.run_until(at(9, 51))
    assert [type(e) for _, e in desk.events] == [HeadsUp, ReminderDue, ReminderDue]
