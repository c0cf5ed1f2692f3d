"""Suspend and restarts on a fake clock: what survives, what is recomputed, and that nothing
bursts out at start."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk import SETTINGS, Desk, User, at, only

from deskbreak.core.policy import (
    BreakPolicy,
    CameBack,
    Outcome,
    Phase,
    PolicySettings,
    ReminderAnswered,
    ReminderDue,
    ReminderRepeated,
    WentAway,
)


def test_a_laptop_suspend_counts_as_a_break() -> None:
    desk = Desk()
    desk.run_until(at(9, 30))
    desk.clock.advance(timedelta(seconds=10))
    desk.clock.jump_wall(timedelta(minutes=20))  # asleep: only wall time moves
    resumed = desk.now
    desk._tick()  # the booked wake-up misfired during the sleep and runs once on resume

    # Asleep from 09:30:10 (the wall clock ran ahead of the monotonic one from there).
    assert [e for _, e in desk.events] == [WentAway(at(9, 30, 10)), CameBack(resumed)]
    went = desk.events[0][1]
    assert isinstance(went, WentAway) and went.asleep and went.sat_since == at(9, 0)
    assert desk.policy.status(desk.now).phase is Phase.SITTING
    assert desk.policy.status(desk.now).due_at == resumed + SETTINGS.sit_limit
    desk.run_until(at(11, 0))
    assert desk.reminders() == [resumed + SETTINGS.sit_limit]


def test_a_suspend_while_a_reminder_is_due_answers_it_as_stepped_away() -> None:
    desk = Desk()
    desk.run_until(at(9, 45, 30))
    desk.clock.jump_wall(timedelta(minutes=20))
    desk._tick()
    kinds = [e for _, e in desk.events]
    assert ReminderAnswered(Outcome.STEPPED_AWAY, at(10, 5, 30)) in kinds
    assert desk.policy.status(desk.now).phase is Phase.SITTING
    assert desk.policy.status(desk.now).due_at == at(10, 50, 30)


def restarted(saved_at: datetime, desk: Desk, after: timedelta) -> Desk:
    state = desk.policy.saved(saved_at)
    return Desk(
        start=saved_at + after,
        policy_factory=lambda now: BreakPolicy(SETTINGS, now, state),
    )


def test_a_restart_within_minutes_carries_on_the_sitting_stretch() -> None:
    desk = Desk()
    desk.run_until(at(9, 30))
    again = restarted(at(9, 30), desk, timedelta(minutes=2))

    status = again.policy.status(again.now)
    assert status.phase is Phase.SITTING
    assert status.sitting_for == timedelta(minutes=32)
    assert status.due_at == at(9, 45)
    again.run_until(at(10, 0))
    assert again.reminders() == [at(9, 45)]


def test_a_restart_while_snoozed_keeps_the_snooze() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    desk.act(at(9, 46), desk.policy.snooze)
    again = restarted(at(9, 47), desk, timedelta(minutes=1))
    assert again.policy.status(again.now).phase is Phase.SNOOZED
    again.run_until(at(10, 0))
    assert again.reminders() == [at(9, 51)]


def test_a_restart_after_ten_minutes_is_a_fresh_start() -> None:
    desk = Desk()
    desk.run_until(at(9, 40))
    again = restarted(at(9, 40), desk, timedelta(minutes=10))

    status = again.policy.status(again.now)
    assert (status.phase, status.sitting_for, status.due_at) == (Phase.SITTING, timedelta(), at(10, 35))
    again.run_until(at(11, 0))
    assert again.reminders() == [at(10, 35)]


def test_a_restart_while_a_reminder_is_due_reminds_again_once_a_minute_after_the_start() -> None:
    desk = Desk()
    desk.run_until(at(9, 46))
    assert desk.policy.saved(desk.now).phase is Phase.DUE
    again = restarted(at(9, 46), desk, timedelta(minutes=1))
    again.run_until(at(10, 0))

    # Once after the start; then, still unanswered, again after each snooze length (it persists).
    assert again.events == [
        (at(9, 48), ReminderDue(at(9, 48), timedelta(minutes=48))),
        (at(9, 53), ReminderRepeated(at(9, 53), timedelta(minutes=53), 2)),
        (at(9, 58), ReminderRepeated(at(9, 58), timedelta(minutes=58), 3)),
    ]


def test_a_restart_while_away_stays_away_until_the_user_is_back() -> None:
    user = User()
    user.away(at(9, 20), at(9, 40))
    desk = Desk(user=user)
    desk.run_until(at(9, 30))
    assert desk.policy.phase is Phase.AWAY
    state = desk.policy.saved(at(9, 30))
    again = Desk(start=at(9, 32), user=user, policy_factory=lambda now: BreakPolicy(SETTINGS, now, state))
    assert again.policy.phase is Phase.AWAY
    again.run_until(at(9, 41))
    assert [e for _, e in again.events] == [CameBack(at(9, 40))]


def test_a_restart_after_the_due_time_passed_reminds_a_minute_later_and_never_books_the_past() -> None:
    state = BreakPolicy(SETTINGS, at(9, 0)).saved(at(9, 44, 50))  # due 09:45, app quit at 09:44:50
    policy = BreakPolicy(SETTINGS, at(9, 47), state)
    assert policy.tick(at(9, 47), 0.0) == []  # nothing bursts out at start
    assert policy.next_wakeup(at(9, 47), 0.0) == at(9, 48)
    assert policy.tick(at(9, 48), 0.0) == [ReminderDue(at(9, 48), timedelta(minutes=48))]


def test_settings_changed_while_the_app_was_stopped_apply_at_the_next_start() -> None:
    desk = Desk()
    desk.run_until(at(9, 40))
    desk.act(at(9, 40), lambda now: None)
    state = desk.policy.saved(at(9, 40))  # due 09:45 under a 45 min limit
    shorter = PolicySettings(timedelta(minutes=30), SETTINGS.snooze, SETTINGS.natural_break)
    longer = PolicySettings(timedelta(minutes=60), SETTINGS.snooze, SETTINGS.natural_break)
    # Limit lowered to 30 min while stopped: 09:30 has passed, so a minute after the start.
    assert BreakPolicy(shorter, at(9, 42), state).status(at(9, 42)).due_at == at(9, 43)
    # Raised to 60 min: counted from when the stretch began, not the old due time.
    assert BreakPolicy(longer, at(9, 42), state).status(at(9, 42)).due_at == at(10, 0)


def test_a_restored_snooze_is_cut_to_todays_snooze_length() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    desk.act(at(9, 45), desk.policy.snooze)  # snoozed until 09:50
    state = desk.policy.saved(at(9, 45, 30))
    short = PolicySettings(SETTINGS.sit_limit, timedelta(minutes=2), SETTINGS.natural_break)
    policy = BreakPolicy(short, at(9, 46), state)
    assert policy.status(at(9, 46)).phase is Phase.SNOOZED
    assert policy.status(at(9, 46)).due_at == at(9, 47, 30)


def test_a_saved_state_from_the_future_is_not_trusted() -> None:
    state = BreakPolicy(SETTINGS, at(11, 0)).saved(at(11, 0))  # written before the clock was set back
    policy = BreakPolicy(SETTINGS, at(9, 0), state)
    assert policy.status(at(9, 0)) == BreakPolicy(SETTINGS, at(9, 0)).status(at(9, 0))


def test_a_natural_break_shorter_than_the_poll_still_lets_sitting_add_up() -> None:
    one_minute = PolicySettings(SETTINGS.sit_limit, SETTINGS.snooze, timedelta(minutes=1))
    desk = Desk(policy_factory=lambda now: BreakPolicy(one_minute, now))
    desk.run_until(at(10, 0))
    assert only(desk.events, WentAway) == []
    assert desk.reminders() == [at(9, 45)]
