"""The OS saying when it suspends and wakes (logind's PrepareForSleep): the time asleep is away
time exactly, even where the monotonic clock ran on through the suspend; a suspend that failed at
once changes nothing; a break under way ended when the sleep began."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk import SETTINGS, at

from deskbreak.core.effects import CloseWindow, Effect, LogBreakEnd, LogNaturalBreak, LogSitting, ShowReminder
from deskbreak.core.lifecycle import BreakLifecycle, Mode
from deskbreak.core.policy import BreakPolicy, Phase

STEP = timedelta(seconds=60)


class Machine:
    """Checks every minute; `mono` is a monotonic clock that may or may not stop while asleep."""

    def __init__(self) -> None:
        self.now = at(9, 0)
        self.mono = 1000.0
        self.life = BreakLifecycle(BreakPolicy(SETTINGS, self.now), timedelta(minutes=3), 4)
        self.effects: list[tuple[datetime, Effect]] = []

    def tick(self) -> None:
        self.effects += [(self.now, e) for e in self.life.tick(self.now, 0.0, self.mono)]

    def run_until(self, end: datetime) -> None:
        while self.now < end:
            self.now += STEP
            self.mono += STEP.total_seconds()
            self.tick()

    def suspend(self, length: timedelta, *, monotonic_runs: bool, told: bool = True) -> None:
        if told:
            self.life.going_to_sleep(self.now)
        self.now += length
        if monotonic_runs:
            self.mono += length.total_seconds()
        if told:
            self.life.woke(self.now)
        self.tick()  # the app ticks at once on waking

    def of(self, kind: type) -> list:
        return [e for _, e in self.effects if isinstance(e, kind)]


def test_a_lunch_suspend_told_by_the_os_is_a_natural_break_even_if_the_monotonic_clock_ran_on():
    m = Machine()
    m.run_until(at(9, 40))
    m.suspend(timedelta(minutes=50), monotonic_runs=True)  # as on Windows, or a VM
    assert m.of(LogSitting) == [LogSitting(at(9, 0), at(9, 40), "suspend")]
    assert m.of(LogNaturalBreak) == [LogNaturalBreak(at(9, 40), at(10, 30), "suspend")]
    assert m.of(ShowReminder) == []  # 9:45 passed while asleep: no reminder on waking
    m.run_until(at(11, 14))
    assert m.of(ShowReminder) == []
    m.run_until(at(11, 15))
    assert [t for t, e in m.effects if isinstance(e, ShowReminder)] == [at(11, 15)]  # 45 min after waking


def test_without_the_os_saying_so_a_running_monotonic_clock_hides_the_suspend():
    m = Machine()  # what the signal adds: the same suspend, untold, looks like sitting on
    m.run_until(at(9, 40))
    m.suspend(timedelta(minutes=50), monotonic_runs=True, told=False)
    assert m.of(LogNaturalBreak) == [] and len(m.of(ShowReminder)) == 1


def test_told_and_seen_by_the_clocks_alike_the_suspend_counts_once():
    m = Machine()
    m.run_until(at(9, 40))
    m.suspend(timedelta(minutes=50), monotonic_runs=False)  # Linux: the monotonic clock stops too
    assert m.of(LogNaturalBreak) == [LogNaturalBreak(at(9, 40), at(10, 30), "suspend")]


def test_a_suspend_that_fails_at_once_changes_nothing():
    m = Machine()
    m.run_until(at(9, 30))
    m.suspend(timedelta(seconds=2), monotonic_runs=True)
    m.run_until(at(9, 46))
    assert m.of(LogNaturalBreak) == [] and m.of(LogSitting) == []
    assert [t for t, e in m.effects if isinstance(e, ShowReminder)] == [
        at(9, 45, 2)
    ]  # first check after 9:45


def test_a_break_under_way_ends_when_the_sleep_began():
    m = Machine()
    m.run_until(at(9, 45))
    m.effects += [(m.now, e) for e in m.life.request_break(m.now)]
    m.now += timedelta(minutes=1)
    m.mono += 60
    m.suspend(timedelta(hours=2), monotonic_runs=True)
    ended = m.of(LogBreakEnd)
    assert len(ended) == 1 and ended[0].at == at(9, 46)
    assert m.of(CloseWindow) and m.life.mode is Mode.TRACKING
    assert m.life.policy.phase is not Phase.ON_BREAK


def test_a_check_that_runs_before_the_os_says_it_woke_does_not_lose_the_sleep():
    m = Machine()
    m.run_until(at(9, 40))
    m.life.going_to_sleep(m.now)
    m.now += timedelta(minutes=50)
    m.mono += 50 * 60  # the monotonic clock ran on: the clocks alone cannot see the sleep
    m.tick()  # the overdue wake-up timer fires first...
    m.life.woke(m.now)  # ...then the signal is read
    m.tick()
    assert m.of(LogNaturalBreak) == [LogNaturalBreak(at(9, 40), at(10, 30), "suspend")]


def test_a_sleep_the_clocks_saw_in_part_is_not_counted_twice():
    m = Machine()
    m.run_until(at(9, 40))
    m.life.going_to_sleep(m.now)
    m.now += timedelta(minutes=30)
    m.tick()  # a check after the monotonic clock stood still 30 min: counted as a suspend here
    m.now += timedelta(minutes=1)
    m.mono += 60
    m.life.woke(m.now)
    m.tick()
    # Away once, as the clocks saw it; the minute left of the told sleep adds no second break.
    assert m.of(LogNaturalBreak) == [LogNaturalBreak(at(9, 40), at(10, 10), "suspend")]
    assert m.of(LogSitting) == [LogSitting(at(9, 0), at(9, 40), "suspend")]
