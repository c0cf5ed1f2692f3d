"""A working morning on a fake clock, ticked the way the app ticks BreakPolicy.

The app calls `policy.tick(now, idle)`, then asks `policy.next_wakeup(now, idle)` and sleeps until
then; user actions (snooze, skip, a break) happen whenever the user clicks. `Desk` does the same
with a FakeClock and an idle-seconds script, so every time below is exact to the second.
"""

from __future__ import annotations

from datetime import timedelta

from desk import MIN, SETTINGS, Desk, User, at, only

from deskbreak.core.policy import (
    POLL_INTERVAL,
    CameBack,
    Outcome,
    Phase,
    PolicySettings,
    ReminderAnswered,
    ReminderDue,
    ReminderRepeated,
    WentAway,
)

# -- the reminder -------------------------------------------------------------------------


def test_reminder_comes_exactly_at_the_sit_limit_not_a_tick_later() -> None:
    desk = Desk()
    assert desk.run_until(at(9, 44, 59)) == []
    assert desk.policy.status(desk.now).phase is Phase.SITTING

    events = desk.run_until(at(9, 45))

    assert events == [(at(9, 45), ReminderDue(at(9, 45), timedelta(minutes=45)))]
    assert desk.policy.status(desk.now).phase is Phase.DUE


def test_reminder_is_on_time_when_the_start_is_off_the_poll_grid() -> None:
    desk = Desk(start=at(9, 0, 7))
    desk.run_until(at(10, 0))
    assert desk.reminders() == [at(9, 45, 7)]


def test_no_second_reminder_while_one_is_waiting_for_an_answer() -> None:
    desk = Desk()
    desk.run_until(at(10, 30))
    assert desk.reminders() == [at(9, 45)]


def test_snooze_reminds_again_exactly_five_minutes_later() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    assert desk.act(at(9, 47, 10), desk.policy.snooze) is True
    assert desk.policy.status(desk.now).phase is Phase.SNOOZED

    desk.run_until(at(9, 52, 9))
    assert desk.reminders(since=at(9, 46)) == []
    desk.run_until(at(9, 53))
    assert desk.reminders(since=at(9, 46)) == [at(9, 52, 10)]
    ((_, due),) = only(desk.events[-1:], ReminderDue)
    assert isinstance(due, ReminderDue)
    assert due.sitting_for == timedelta(minutes=52, seconds=10)  # snoozing does not reset sitting


def test_snooze_and_skip_do_nothing_when_no_reminder_is_due() -> None:
    desk = Desk()
    assert desk.act(at(9, 10), desk.policy.snooze) is False
    assert desk.act(at(9, 11), desk.policy.skip) is False
    desk.run_until(at(9, 46))
    assert desk.reminders() == [at(9, 45)]


def test_skip_means_the_next_reminder_is_a_full_sit_limit_after_the_skip() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    assert desk.act(at(9, 46, 20), desk.policy.skip) is True
    assert desk.policy.status(desk.now).due_at == at(10, 31, 20)

    desk.run_until(at(11, 0))
    assert desk.reminders() == [at(9, 45), at(10, 31, 20)]


# -- breaks -------------------------------------------------------------------------------


def test_a_completed_break_restarts_sitting_at_the_end_of_the_break() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    assert desk.act(at(9, 45, 30), desk.policy.start_break) is True  # it answers the reminder
    desk.run_until(at(9, 48, 40))
    assert desk.policy.status(desk.now).phase is Phase.ON_BREAK
    counted = desk.act(
        at(9, 48, 45),
        lambda now: desk.policy.finish_break(now, completed=True, active=timedelta(minutes=3)),
    )

    assert counted is True
    status = desk.policy.status(desk.now)
    assert (status.phase, status.sitting_for, status.due_at) == (Phase.SITTING, timedelta(), at(10, 33, 45))
    desk.run_until(at(11, 0))
    assert desk.reminders() == [at(9, 45), at(10, 33, 45)]
    assert only(desk.events, WentAway) == []  # a break is not "walking away"


def test_the_break_window_being_open_is_not_mistaken_for_walking_away() -> None:
    """Nobody touches the keyboard during a guided break; that must not end a stretch twice."""
    user = User()
    desk = Desk(user=user)
    desk.run_until(at(9, 45))
    desk.act(at(9, 46), desk.policy.start_break)
    user.away(at(9, 46), at(9, 58))  # no input for 12 minutes while following the routine
    desk.run_until(at(9, 57, 59))
    assert desk.events[-1:] == [(at(9, 45), ReminderDue(at(9, 45), timedelta(minutes=45)))]
    desk.act(
        at(9, 58),
        lambda now: desk.policy.finish_break(now, completed=True, active=timedelta(minutes=12)),
    )
    desk.run_until(at(10, 50))
    assert desk.reminders() == [at(9, 45), at(10, 43)]


def test_a_break_ended_early_with_under_30s_active_is_treated_like_a_snooze() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    desk.act(at(9, 45, 10), desk.policy.start_break)
    counted = desk.act(
        at(9, 45, 35),
        lambda now: desk.policy.finish_break(now, completed=False, active=timedelta(seconds=25)),
    )

    assert counted is False
    status = desk.policy.status(desk.now)
    assert status.phase is Phase.SNOOZED
    assert status.due_at == at(9, 50, 35)
    assert status.sitting_for == timedelta(minutes=45, seconds=35)  # sitting was not reset
    desk.run_until(at(9, 55))
    assert desk.reminders() == [at(9, 45), at(9, 50, 35)]


def test_a_break_ended_early_after_30s_active_counts() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    desk.act(at(9, 45), desk.policy.start_break)
    counted = desk.act(
        at(9, 45, 40),
        lambda now: desk.policy.finish_break(now, completed=False, active=timedelta(seconds=30)),
    )
    assert counted is True
    assert desk.policy.status(desk.now).due_at == at(10, 30, 40)


def test_a_self_started_break_abandoned_at_once_does_not_bring_the_reminder_forward() -> None:
    desk = Desk()
    desk.run_until(at(9, 10))
    assert desk.act(at(9, 10), desk.policy.start_break) is False  # nothing was due
    desk.act(
        at(9, 10, 10),
        lambda now: desk.policy.finish_break(now, completed=False, active=timedelta(seconds=10)),
    )
    desk.run_until(at(9, 46))
    assert desk.reminders() == [at(9, 45)]


# -- walking away -------------------------------------------------------------------------


def test_walking_away_while_a_reminder_is_due_answers_it_and_coming_back_starts_fresh() -> None:
    user = User()
    desk = Desk(user=user)
    desk.run_until(at(9, 45))
    user.away(at(9, 46, 5), at(9, 58, 13))  # last input 09:46:05, first input back 09:58:13

    events = desk.run_until(at(9, 51, 4))
    # Unanswered for a snooze length: it comes again (the user is already up and walking).
    assert [e for _, e in events] == [ReminderRepeated(at(9, 50), timedelta(minutes=50), 2)]
    events = desk.run_until(at(9, 51, 5))  # idle reaches the 5 min natural break exactly now
    assert events == [
        (at(9, 51, 5), ReminderAnswered(Outcome.STEPPED_AWAY, at(9, 51, 5))),
        (at(9, 51, 5), WentAway(since=at(9, 46, 5))),
    ]
    assert desk.policy.status(desk.now).phase is Phase.AWAY
    assert desk.policy.status(desk.now).due_at is None

    events = desk.run_until(at(9, 58, 43))
    ((tick_time, back),) = only(events, CameBack)
    assert back == CameBack(at(9, 58, 13))
    assert at(9, 58, 13) <= tick_time <= at(9, 58, 13) + POLL_INTERVAL
    assert desk.policy.tracker.sitting_since == at(9, 58, 13)
    assert desk.policy.status(desk.now).due_at == at(10, 43, 13)

    desk.run_until(at(11, 0))
    assert desk.reminders() == [at(9, 45), at(10, 43, 13)]


def test_a_short_absence_is_not_a_break() -> None:
    user = User()
    user.away(at(9, 20), at(9, 24, 59))  # 4 min 59 s: just under the natural break
    desk = Desk(user=user)
    desk.run_until(at(9, 50))
    assert only(desk.events, WentAway) == []
    assert desk.reminders() == [at(9, 45)]


def test_walking_away_before_the_reminder_means_no_reminder_until_a_full_stretch_later() -> None:
    user = User()
    user.away(at(9, 30), at(9, 40))
    desk = Desk(user=user)
    desk.run_until(at(10, 29))
    assert [type(e) for _, e in desk.events] == [WentAway, CameBack, ReminderDue]
    assert [e for _, e in desk.events][:2] == [WentAway(at(9, 30)), CameBack(at(9, 40))]
    assert desk.reminders() == [at(10, 25)]


# -- the whole morning in one go ----------------------------------------------------------


def test_a_whole_working_morning() -> None:
    user = User()
    desk = Desk(user=user)
    p = desk.policy

    desk.run_until(at(9, 45))  # 1st reminder
    desk.act(at(9, 45, 40), p.snooze)
    desk.run_until(at(9, 50, 40))  # 2nd, after the snooze
    desk.act(at(9, 51), p.skip)
    desk.run_until(at(10, 36))  # 3rd, 45 min after the skip
    desk.act(at(10, 36, 30), p.start_break)
    desk.act(at(10, 39, 30), lambda now: p.finish_break(now, completed=True, active=3 * MIN))
    user.away(at(11, 10), at(11, 30))  # coffee
    desk.run_until(at(12, 0))
    desk.clock.advance(timedelta(seconds=5))
    desk.clock.jump_wall(timedelta(minutes=25))  # lunch, lid closed
    desk._tick()
    desk.run_until(at(13, 15))

    assert [(t, e) for t, e in desk.events if not isinstance(e, ReminderDue)] == [
        (at(11, 15), WentAway(at(11, 10))),
        (at(11, 30), CameBack(at(11, 30))),
        (at(12, 25, 5), WentAway(at(12, 0, 5))),
        (at(12, 25, 5), CameBack(at(12, 25, 5))),
    ]
    assert desk.reminders() == [at(9, 45), at(9, 50, 40), at(10, 36), at(13, 10, 5)]
    assert at(12, 0) in desk.ticks and at(12, 25, 5) in desk.ticks
    assert not [t for t in desk.ticks if at(12, 0) < t < at(12, 25, 5)]  # asleep: no ticks


# -- changing the settings mid-morning ----------------------------------------------------


def longer_limit(minutes: int) -> PolicySettings:
    return PolicySettings(timedelta(minutes=minutes), SETTINGS.snooze, SETTINGS.natural_break)


def test_a_new_sit_limit_moves_the_next_reminder() -> None:
    desk = Desk()
    desk.act(at(9, 20), lambda now: desk.policy.apply_settings(longer_limit(60), now))
    desk.run_until(at(10, 30))
    assert desk.reminders() == [at(10, 0)]


def test_a_shorter_sit_limit_already_passed_reminds_at_once() -> None:
    desk = Desk()
    desk.act(at(9, 40, 10), lambda now: desk.policy.apply_settings(longer_limit(30), now))
    desk.run_until(at(9, 50))
    assert desk.reminders() == [at(9, 40, 10)]


def test_raising_the_sit_limit_after_a_skip_does_not_remind_at_once() -> None:
    desk = Desk()
    desk.run_until(at(9, 45))
    desk.act(at(9, 45), desk.policy.skip)  # next reminder 10:30
    desk.act(at(9, 50), lambda now: desk.policy.apply_settings(longer_limit(50), now))
    desk.run_until(at(10, 0))
    assert desk.reminders() == [at(9, 45)]
