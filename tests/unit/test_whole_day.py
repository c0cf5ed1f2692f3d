"""One whole working day, minute by minute, on a fake clock with a scripted user: every reminder
and every logged event at its exact time. The scenes: starting before working hours, typing, a
snooze, a break, a coffee walk, a film with an idle inhibitor, a call over the due time, a lunch
suspend, the screen locked for a meeting, a fullscreen slide show, the time zone changing (a
train across a border), reminders ignored until given up, pause until tomorrow."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from deskbreak.core.effects import (
    Effect,
    LogAnswer,
    LogBreakEnd,
    LogBreakStart,
    LogNaturalBreak,
    LogPostponed,
    LogReminder,
    LogSitting,
    ShowReminder,
)
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import BreakPolicy, PolicySettings
from deskbreak.core.work_hours import WorkHours

BERLIN, LONDON = timezone(timedelta(hours=1)), timezone(timedelta(hours=0))
RULES = PolicySettings(
    timedelta(minutes=45),
    timedelta(minutes=5),
    timedelta(minutes=5),
    3,
    frozenset(range(5)),
    WorkHours(time(9), time(18)),
)
ROUTINE = timedelta(minutes=3)


def at(hh: int, mm: int, ss: int = 0, tz: timezone = BERLIN) -> datetime:
    return datetime(2026, 11, 23, hh, mm, ss, tzinfo=BERLIN).astimezone(tz)


class Day:
    """The app around the lifecycle: a check every minute, the user's idle time, what holds
    reminders back, an inhibitor, the screen lock and a suspend."""

    def __init__(self, start: datetime) -> None:
        self.now, self.mono, self.tz = start, 0.0, BERLIN
        self.life = BreakLifecycle(BreakPolicy(RULES, start), ROUTINE, 3)
        self.last_input = start
        self.reason: str | None = None
        self.inhibited = False
        self.log: list[tuple[datetime, Effect]] = []
        self._check()

    def _check(self) -> None:
        idle = (self.now - self.last_input).total_seconds()
        effects = self.life.tick(
            self.now, idle, self.mono, hold=lambda: self.reason, watching=lambda: self.inhibited
        )
        self._keep(effects)

    def _keep(self, effects: list[Effect]) -> None:
        self.log += [(self.now, e) for e in effects]

    def minutes(self, count: int, *, typing: bool = True) -> None:
        for _ in range(count):
            self.now += timedelta(minutes=1)
            self.mono += 60
            if typing:
                self.last_input = self.now
            self._check()

    def until(self, hh: int, mm: int, *, typing: bool = True) -> None:
        self.minutes(int((at(hh, mm) - self.now).total_seconds() // 60), typing=typing)

    def act(self, effects: list[Effect]) -> None:
        self._keep(effects)

    def back(self) -> None:
        """The user is back: a key pressed at this minute."""
        self.last_input = self.now
        self._check()

    def take_break(self) -> None:
        self.act(self.life.request_break(self.now))
        self.minutes(3, typing=False)  # doing the routine: no typing, the window is open
        token = self.life.window
        assert token is not None
        self.act(self.life.break_ended(token, self.now, PlayerResult(True, 3, 3, 0, ROUTINE)))
        self.act(self.life.window_closed(token, self.now))

    def suspend(self, length: timedelta) -> None:
        self.life.going_to_sleep(self.now)
        self.now += length
        self.life.woke(self.now)
        self.last_input = self.now
        self._check()

    def shown(self) -> list[str]:
        return [t.astimezone(BERLIN).strftime("%H:%M") for t, e in self.log if isinstance(e, ShowReminder)]

    def of(self, kind: type) -> list:
        return [e for _, e in self.log if isinstance(e, kind)]


def hm(moment: datetime) -> str:
    return moment.strftime("%H:%M%z")


def test_a_whole_working_day():
    day = Day(at(8, 30))
    day.until(9, 0)  # before working hours nothing counts
    day.until(9, 46)  # the first reminder at 9:45
    day.act(day.life.snooze(day.now))  # snoozed at 9:46: again at 9:51
    day.until(9, 52)
    day.take_break()  # 9:52-9:55
    day.until(10, 20)
    day.until(10, 27, typing=False)  # a coffee walk: idle 7 min, a natural break
    day.back()
    day.until(10, 40)
    day.inhibited = True  # a training film, hands off the keyboard for 40 min: still sitting
    day.until(11, 20, typing=False)
    day.inhibited = False
    day.back()
    day.until(11, 25)  # due at 10:27 + 45 min = 11:12, during the film: it came, and again
    day.act(day.life.skip(day.now))  # skipped at 11:25: the next a full 45 min later, 12:10
    day.until(12, 0)
    day.reason = "in a call"  # 12:00-12:30 a call: the 12:10 reminder waits for its end
    day.until(12, 30)
    day.reason = None
    day.until(12, 31)  # the next check sees the call over: the reminder comes
    day.act(day.life.skip(day.now))
    day.suspend(timedelta(minutes=60))  # lunch: the laptop sleeps 12:31-13:31
    day.until(14, 0)
    day.act(day.life.session_locked(day.now))  # a meeting room: the screen locked 14:00-14:50
    day.until(14, 50, typing=False)
    day.life.session_unlocked()
    day.back()
    day.until(15, 30)
    day.reason = "a fullscreen window"  # a slide show 15:30-15:50; due at 15:35, it waits
    day.until(15, 50)
    day.reason = None
    day.until(16, 2)  # the reminder at 15:51, ignored: again 15:56 and 16:01
    day.now = day.now.astimezone(LONDON)  # the train crosses into another time zone
    day.until(17, 0)  # given up at 16:06; the next at 16:51, again 16:56 (Berlin times)
    day.act(day.life.pause(day.now, at(9, 0) + timedelta(days=1)))  # "until tomorrow", 17:00
    day.until(18, 30)

    assert day.shown() == [
        "09:45",
        "09:51",
        "11:12",
        "11:17",
        "11:22",
        "12:31",
        "15:51",
        "15:56",
        "16:01",
        "16:51",
        "16:56",
    ]
    answers = [(hm(e.at), e.outcome.value) for e in day.of(LogAnswer)]
    assert answers == [
        ("09:46+0100", "snoozed"),
        ("11:25+0100", "skipped"),
        ("12:31+0100", "skipped"),
        ("15:06+0000", "unanswered"),  # 16:06 Berlin: the third went unanswered
        ("16:00+0000", "skipped"),  # the pause drops the reminder on screen
    ]
    assert [hm(e.at) for e in day.of(LogBreakStart)] == ["09:52+0100"]
    assert [hm(e.at) for e in day.of(LogBreakEnd)] == ["09:55+0100"]
    assert [(hm(e.start), hm(e.end), e.ended_by) for e in day.of(LogSitting)] == [
        ("09:00+0100", "09:52+0100", "break"),
        ("09:55+0100", "10:20+0100", "natural_break"),
        ("10:27+0100", "12:31+0100", "suspend"),  # the film was sitting
        ("13:31+0100", "14:00+0100", "lock"),
        ("14:50+0100", "16:00+0000", "pause"),  # across the time zone change: 70 min
    ]
    assert [(hm(e.start), hm(e.end), e.how) for e in day.of(LogNaturalBreak)] == [
        ("10:20+0100", "10:27+0100", "idle"),
        ("12:31+0100", "13:31+0100", "suspend"),
        ("14:00+0100", "14:50+0100", "lock"),
    ]
    waits = [(hm(e.start), hm(e.end), e.reason) for e in day.of(LogPostponed) if e.end > e.start]
    assert waits == [("12:10+0100", "12:31+0100", "call"), ("15:35+0100", "15:51+0100", "fullscreen")]
    assert len(day.of(LogReminder)) == 6  # 9:45, 9:51, 11:12, 12:31, 15:51, 16:51
    for e in day.of(LogSitting) + day.of(LogNaturalBreak):
        assert e.end >= e.start  # never a negative duration, whatever the time zone did
