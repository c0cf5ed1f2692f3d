"""A reminder that waits for a call, a fullscreen window or do-not-disturb is logged as
postponed: when the wait began, when and why it ended, before the reminder it held back."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from desk import SETTINGS, at

from deskbreak.core.effects import Effect, LogPostponed, ShowReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy
from deskbreak.core.wait_log import reason_code

STEP = timedelta(seconds=30)


class Day:
    """The app's checks every 30 s on a fake clock, with what holds reminders back, when."""

    def __init__(self) -> None:
        self.life = BreakLifecycle(BreakPolicy(SETTINGS, at(9, 0)), timedelta(minutes=3))
        self.busy: list[tuple[datetime, datetime, str]] = []
        self.away: list[tuple[datetime, datetime]] = []
        self.log: list[tuple[datetime, Effect]] = []
        self.now = at(9, 0)

    def reason(self) -> str | None:
        return next((why for start, end, why in self.busy if start <= self.now < end), None)

    def idle(self) -> float:
        return next(((self.now - s).total_seconds() for s, e in self.away if s <= self.now < e), 0.0)

    def run_until(self, end: datetime) -> None:
        while self.now <= end:
            effects = self.life.tick(self.now, self.idle(), None, hold=self.reason)
            self.log += [(self.now, e) for e in effects]
            self.now += STEP

    def act(self, effects: list[Effect]) -> None:
        self.log += [(self.now, e) for e in effects]

    def waits(self) -> list[tuple[datetime, LogPostponed]]:
        return [(t, e) for t, e in self.log if isinstance(e, LogPostponed)]

    def shown(self) -> list[datetime]:
        return [t for t, e in self.log if isinstance(e, ShowReminder)]


def test_a_call_over_the_due_time_is_logged_from_the_due_time_to_the_calls_end():
    day = Day()
    day.busy.append((at(9, 30), at(10, 12), "in a call"))
    day.run_until(at(10, 13))
    assert day.waits() == [
        (at(9, 45), LogPostponed(at(9, 45), at(9, 45), "call")),  # written as it begins
        (at(10, 12), LogPostponed(at(9, 45), at(10, 12), "call")),  # the same wait, now 27 min long
    ]
    assert day.shown() == [at(10, 12)]
    ended = next(i for i, (_, e) in enumerate(day.log) if isinstance(e, LogPostponed) and e.end > e.start)
    shown = next(i for i, (_, e) in enumerate(day.log) if isinstance(e, ShowReminder))
    assert ended < shown  # the wait is closed before the reminder it held back is shown


def test_a_new_reason_is_a_new_wait_and_the_reminder_comes_when_none_is_left():
    day = Day()
    day.busy += [(at(9, 40), at(9, 50), "a fullscreen window"), (at(9, 50), at(9, 58), "do not disturb")]
    day.run_until(at(10, 0))
    closed = [e for _, e in day.waits() if e.end > e.start]
    assert closed == [
        LogPostponed(at(9, 45), at(9, 50), "fullscreen"),
        LogPostponed(at(9, 50), at(9, 58), "do_not_disturb"),
    ]
    assert day.shown() == [at(9, 58)]


def test_walking_away_during_a_wait_ends_it_when_the_user_left_and_no_reminder_follows():
    day = Day()
    day.busy.append((at(9, 30), at(11, 0), "in a call"))
    day.away.append((at(9, 50), at(10, 30)))  # left the call running and walked off
    day.run_until(at(10, 20))
    assert [e for _, e in day.waits() if e.end > e.start] == [LogPostponed(at(9, 45), at(9, 50), "call")]
    assert day.shown() == []


def test_a_repeat_can_wait_too_and_pausing_ends_the_wait_at_once():
    day = Day()
    day.busy.append((at(9, 47), at(12, 0), "a fullscreen window"))
    day.run_until(at(9, 55))
    assert day.shown() == [at(9, 45)]  # the first reminder came; its repeat at 9:50 waits
    day.act(day.life.pause(day.now, at(11, 0)))
    assert [e for _, e in day.waits()] == [
        LogPostponed(at(9, 50), at(9, 50), "fullscreen"),
        LogPostponed(at(9, 50), at(9, 55, 30), "fullscreen"),
    ]


def test_quitting_during_a_wait_logs_it_up_to_the_quit():
    day = Day()
    day.busy.append((at(9, 40), at(12, 0), "in a call"))
    day.run_until(at(10, 0))
    day.act(day.life.quit(day.now))
    assert day.waits()[-1][1] == LogPostponed(at(9, 45), at(10, 0, 30), "call")


def test_the_history_names_known_reasons_and_files_others_under_other():
    assert [reason_code(r) for r in ("in a call", "a fullscreen window", "do not disturb", "a film")] == [
        "call",
        "fullscreen",
        "do_not_disturb",
        "other",
    ]


def test_reloading_the_settings_keeps_a_wait_open_unless_the_reminder_is_no_longer_due():
    day = Day()
    day.busy.append((at(9, 30), at(11, 0), "in a call"))
    day.run_until(at(9, 50))
    same = day.life.settings_changed(SETTINGS, timedelta(minutes=3), 0, day.now)
    assert same == [] and day.life.policy.status(day.now).held == "in a call"  # one wait, one row
    later = replace(SETTINGS, sit_limit=timedelta(minutes=90))  # now due at 10:30
    day.act(day.life.settings_changed(later, timedelta(minutes=3), 0, day.now))
    assert [e for _, e in day.waits()][-1] == LogPostponed(at(9, 45), at(9, 50, 30), "call")
    assert day.life.policy.status(day.now).held is None
