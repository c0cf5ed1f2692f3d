"""A working morning on a fake clock, ticked the way the app ticks BreakPolicy.

The app calls `policy.tick(now, idle)`, then asks `policy.next_wakeup(now, idle)` and sleeps until
then; user actions (snooze, skip, a break) happen whenever the user clicks. `Desk` does the same
with a FakeClock and an idle-seconds script, so every time below is exact to the second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from deskbreak.core.clock import FakeClock
from deskbreak.core.policy import (
    POLL_INTERVAL,
    BreakPolicy,
    CameBack,
    Outcome,
    Phase,
    PolicyEvent,
    PolicySettings,
    ReminderAnswered,
    ReminderDue,
    WentAway,
)

TZ = timezone(timedelta(hours=2))
DAY = datetime(2024, 3, 4, tzinfo=TZ)
SETTINGS = PolicySettings(
    sit_limit=timedelta(minutes=45), snooze=timedelta(minutes=5), natural_break=timedelta(minutes=5)
)
MIN = timedelta(minutes=1)


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return DAY.replace(hour=hh, minute=mm, second=ss)


class User:
    """Idle seconds as a function of time: busy at the keyboard except while away.

    While away (from `start` to `end`) idle grows from 0. On coming back the user presses one key
    at `end` and then reads for `reading` without touching anything, so idle grows from `end`
    again; after that they type continuously (idle 0).
    """

    def __init__(self, reading: timedelta = timedelta(seconds=40)) -> None:
        self.absences: list[tuple[datetime, datetime]] = []
        self.reading = reading

    def away(self, start: datetime, end: datetime) -> None:
        self.absences.append((start, end))

    def idle(self, now: datetime) -> float:
        for start, end in self.absences:
            if start <= now < end:
                return (now - start).total_seconds()
            if end <= now < end + self.reading:
                return (now - end).total_seconds()
        return 0.0


class Desk:
    """The app's heartbeat around a BreakPolicy, on a FakeClock."""

    def __init__(
        self,
        start: datetime | None = None,
        user: User | None = None,
        policy_factory: Callable[[datetime], BreakPolicy] | None = None,
    ) -> None:
        start = start or at(9, 0)
        self.clock = FakeClock(start)
        self.user = user or User()
        self.policy = policy_factory(start) if policy_factory else BreakPolicy(SETTINGS, start)
        self.events: list[tuple[datetime, PolicyEvent]] = []
        self.ticks: list[datetime] = []
        self.wakeup: datetime = start
        self._tick()

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def _tick(self) -> list[PolicyEvent]:
        now = self.now
        idle = self.user.idle(now)
        events = self.policy.tick(now, idle, self.clock.monotonic())
        self.events.extend((now, e) for e in events)
        self.ticks.append(now)
        self._book(now, idle)
        return events

    def _book(self, now: datetime, idle: float | None) -> None:
        wake = self.policy.next_wakeup(now, idle)
        assert wake >= now, f"next_wakeup {wake} is in the past at {now}"
        assert wake - now <= POLL_INTERVAL, f"next_wakeup {wake} is more than one poll after {now}"
        self.wakeup = wake

    def run_until(self, end: datetime) -> list[tuple[datetime, PolicyEvent]]:
        """Tick at every booked wake-up up to and including `end`; the events that came."""
        first = len(self.events)
        for _ in range(100_000):
            if self.wakeup > end:
                break
            self.clock.advance(self.wakeup - self.now)
            self._tick()
        else:  # pragma: no cover - a policy that books the same instant forever
            raise AssertionError("next_wakeup never moved on")
        self.clock.advance(end - self.now)
        return self.events[first:]

    def act(self, when: datetime, action: Callable[[datetime], object]) -> object:
        """The user clicks at `when` (the app ticks up to then, acts, then books the next check)."""
        self.run_until(when)
        result = action(self.now)
        self._book(self.now, self.user.idle(self.now))
        return result

    def reminders(self, since: datetime | None = None) -> list[datetime]:
        return [t for t, e in self.events if isinstance(e, ReminderDue) and (since is None or t >= since)]


def only(events: list[tuple[datetime, PolicyEvent]], kind: type) -> list[tuple[datetime, PolicyEvent]]:
    return [(t, e) for t, e in events if isinstance(e, kind)]


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
    assert [e for _, e in events] == []
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
    desk.run_until(at(10, 30))
    assert [type(e) for _, e in desk.events] == [WentAway, CameBack, ReminderDue]
    assert [e for _, e in desk.events][:2] == [WentAway(at(9, 30)), CameBack(at(9, 40))]
    assert desk.reminders() == [at(10, 25)]


# -- suspend and restarts -----------------------------------------------------------------


def test_a_laptop_suspend_counts_as_a_break() -> None:
    desk = Desk()
    desk.run_until(at(9, 30))
    desk.clock.advance(timedelta(seconds=10))
    desk.clock.jump_wall(timedelta(minutes=20))  # asleep: only wall time moves
    resumed = desk.now
    desk._tick()  # the booked wake-up misfired during the sleep and runs once on resume

    # Asleep from 09:30:10 (the wall clock ran ahead of the monotonic one from there).
    assert [e for _, e in desk.events] == [WentAway(at(9, 30, 10)), CameBack(resumed)]
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

    assert again.events == [(at(9, 48), ReminderDue(at(9, 48), timedelta(minutes=48)))]


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
