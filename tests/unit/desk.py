"""A working morning on a fake clock: the user and the app's heartbeat around a BreakPolicy.

The app calls `policy.tick(now, idle, monotonic)`, then asks `policy.next_wakeup(now, idle)` and
sleeps until then; user actions (snooze, skip, a break) happen whenever the user clicks. `Desk`
does the same with a FakeClock and an idle-seconds script, so every time is exact to the second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from deskbreak.core.clock import FakeClock
from deskbreak.core.policy import (
    POLL_INTERVAL,
    BreakPolicy,
    PolicyEvent,
    PolicySettings,
    ReminderDue,
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
