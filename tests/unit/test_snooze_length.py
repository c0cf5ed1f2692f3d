"""`deskbreak snooze 10m`: a due reminder snoozed for a length of the user's choosing."""

from __future__ import annotations

from datetime import timedelta

from desk import SETTINGS, at

from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy, Phase, ReminderDue


def _due() -> BreakPolicy:
    policy = BreakPolicy(SETTINGS, at(9, 0))
    assert any(isinstance(e, ReminderDue) for e in policy.tick(at(9, 45), 0.0))
    return policy


def test_a_length_given_replaces_the_snooze_setting_once():
    policy = _due()
    assert policy.snooze(at(9, 46), timedelta(minutes=20))
    assert policy.status(at(9, 46)).phase is Phase.SNOOZED
    assert policy.due_at == at(10, 6)
    assert policy.tick(at(10, 5, 59), 0.0) == []
    assert [type(e) for e in policy.tick(at(10, 6), 0.0)] == [ReminderDue]
    # The next snooze without a length is the setting's 5 minutes again.
    assert policy.snooze(at(10, 7)) and policy.due_at == at(10, 12)


def test_without_a_length_it_is_the_setting_and_nothing_due_snoozes_nothing():
    policy = BreakPolicy(SETTINGS, at(9, 0))
    assert not policy.snooze(at(9, 10), timedelta(minutes=20))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    assert life.snooze(at(9, 10), timedelta(minutes=20)) == []
    policy = _due()
    assert policy.snooze(at(9, 46)) and policy.due_at == at(9, 51)
