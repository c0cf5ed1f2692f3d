"""The break under way, as the lifecycle keeps it: its numbers, its times and its watchdog.

A break ends by itself when nobody can be doing it: the machine slept through it (it ended when
the sleep began) or it ran OVERRUN past its routine's length (left paused, hidden behind other
windows, or its window's signals lost).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .player import PlayerResult

# A break still open this long after its routine should have ended is closed: the window
# cannot have been in use (left paused, hidden behind others, or its signals lost).
OVERRUN = timedelta(minutes=10)
# The machine asleep this long during a break: nobody is doing the routine; it ended then.
SLEPT_THROUGH_BREAK = timedelta(minutes=1)


def abandoned(steps_total: int, active: timedelta) -> PlayerResult:
    """The result of a break whose window vanished without reporting one."""
    return PlayerResult(False, 0, steps_total, 0, active)


@dataclass
class RunningBreak:
    id: int  # the lifecycle's number for its history row
    reminder: int | None  # the reminder it answers, if any
    started: datetime  # moves with a clock set back
    logged_at: datetime  # as written in the history
    deadline: datetime  # the watchdog: its routine's length + OVERRUN after it began

    @classmethod
    def begin(cls, number: int, reminder: int | None, now: datetime, length: timedelta) -> RunningBreak:
        return cls(number, reminder, now, now, now + length + OVERRUN)

    def follow_clock(self, shift: timedelta) -> None:
        """The wall clock was set back by -`shift`: the start and deadline move with it, so the
        watchdog still fires after the same real time and no break ends before it began."""
        if shift < timedelta():
            self.started += shift
            self.deadline += shift

    def ended_by_itself(self, now: datetime, asleep: timedelta, natural_break: timedelta) -> datetime | None:
        """When the break ended by itself (slept through, or overran), if it did."""
        if asleep >= min(natural_break, SLEPT_THROUGH_BREAK):
            return min(now - asleep, self.deadline)
        return self.deadline if now >= self.deadline else None

    def end_at(self, now: datetime) -> datetime:
        """When it is logged as ending: never before it was logged as beginning."""
        return max(now, self.logged_at)

    def result_if_unknown(self, now: datetime, steps: int, length: timedelta | None) -> PlayerResult:
        """What a break whose window never reported a result counts as: time in it, up to its length."""
        return abandoned(steps, max(timedelta(), min(now - self.started, length or timedelta())))
