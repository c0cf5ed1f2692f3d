"""How long the user has been sitting, from idle time and time spent asleep.

Being idle for `natural_break` (the user walked away) or asleep that long (suspend: the wall
clock ran on while the monotonic clock stood still) ends a sitting stretch; the next input
starts one. How often the app looks has no bearing on either: a natural break shorter than the
poll interval still lets sitting accumulate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SteppedAway:
    """The user has been away since `since` (idle or asleep for at least the natural break)."""

    since: datetime
    # Details for the log; two reports of going away are the same when `since` is.
    sat_since: datetime | None = field(default=None, compare=False)  # when the stretch began
    asleep: bool = field(default=False, compare=False)  # suspended, not left idle


@dataclass(frozen=True)
class SatDown:
    """The user is back: a new sitting stretch began at `at`."""

    at: datetime


SittingEvent = SteppedAway | SatDown


class SittingTracker:
    """Turns (time, idle seconds) observations into sitting stretches."""

    def __init__(
        self,
        natural_break: timedelta,
        now: datetime,
        *,
        sitting_since: datetime | None = None,
        last_seen: datetime | None = None,
    ) -> None:
        self.natural_break = natural_break
        self.sitting_since: datetime | None = sitting_since if sitting_since else now
        self.last_seen = last_seen if last_seen else now
        self.last_monotonic: float | None = None
        # The OS said when it went to sleep and woke (logind's PrepareForSleep), where it can.
        self.slept: tuple[datetime, datetime | None] | None = None
        self._slept_seen = timedelta()  # of that sleep, what the clocks already showed
        self.watching_since = now  # nothing before this moment is attributed to a stretch

    @property
    def away(self) -> bool:
        return self.sitting_since is None

    def asleep_for(self, now: datetime, monotonic: float | None) -> timedelta:
        """The time the machine spent suspended since the last observation: as the OS said (from
        going to sleep to waking), or as far as the wall clock ran ahead of the monotonic one
        (which stops while asleep), whichever is longer."""
        said = timedelta()
        start, end = self.slept if self.slept is not None else (now, None)
        if end is not None:
            said = max(timedelta(), min(end, now) - start - self._slept_seen)
        return max(said, self._jumped(now, monotonic))

    def _jumped(self, now: datetime, monotonic: float | None) -> timedelta:
        """How far the wall clock ran ahead of the monotonic one since the last observation."""
        if monotonic is None or self.last_monotonic is None:
            return timedelta()
        ran = max(0.0, monotonic - self.last_monotonic)
        return max(timedelta(), (now - self.last_seen) - timedelta(seconds=ran))

    def _settle_sleep(self, now: datetime, monotonic: float | None) -> None:
        """Before an observation moves on: a told sleep that has ended is counted now; one not yet
        ended (a check that ran before the OS said it woke) keeps what the clocks showed of it,
        so the rest is still counted once it does."""
        if self.slept is None:
            return
        if self.slept[1] is not None:
            self.slept, self._slept_seen = None, timedelta()
        else:
            self._slept_seen += self._jumped(now, monotonic)

    def going_to_sleep(self, now: datetime) -> None:
        self.slept, self._slept_seen = (now, None), timedelta()

    def woke(self, now: datetime) -> None:
        if self.slept is not None and self.slept[1] is None:
            self.slept = (self.slept[0], max(now, self.slept[0]))

    def observe(
        self, now: datetime, idle_seconds: float | None, monotonic: float | None = None
    ) -> list[SittingEvent]:
        """Take one observation; idle_seconds None means the platform cannot tell."""
        events: list[SittingEvent] = []
        asleep = self.asleep_for(now, monotonic)
        idle = _idle(idle_seconds)
        seen_before = self.last_seen
        self._settle_sleep(now, monotonic)
        self.last_seen = now
        self.last_monotonic = monotonic
        if asleep >= self.natural_break and self.sitting_since is not None:
            # Suspended that long: that was a break whatever idle says now.
            events.append(SteppedAway(now - asleep, self.sitting_since, asleep=True))
            self.sitting_since = None
        if idle is not None and idle >= self.natural_break:
            if self.sitting_since is not None:
                events.append(SteppedAway(now - idle, self.sitting_since))
                self.sitting_since = None
            return events
        if self.sitting_since is None:
            # Never back before the last moment the user was seen away (a natural break made
            # longer by a new setting would otherwise date the return inside time logged away).
            back_at = max(now - idle, self.watching_since, seen_before) if idle is not None else now
            self.sitting_since = back_at
            events.append(SatDown(back_at))
        return events

    def touch(self, now: datetime, monotonic: float | None) -> None:
        """Seen at `now` without reading idle time (during a break)."""
        self._settle_sleep(now, monotonic)
        self.last_seen, self.last_monotonic = now, monotonic

    def restart(self, now: datetime) -> None:
        """A break was taken: the next sitting stretch starts now."""
        self.sitting_since = now
        self.last_seen = now

    def sitting_for(self, now: datetime) -> timedelta:
        if self.sitting_since is None:
            return timedelta()
        return max(timedelta(), now - self.sitting_since)

    def away_at(self, now: datetime, idle_seconds: float | None) -> datetime:
        """When the current idle stretch would become a natural break, if it goes on."""
        idle = _idle(idle_seconds) or timedelta()
        return now - idle + self.natural_break


# An OS can report nonsense (a negative, NaN, or a counter that wrapped): keep idle in a range
# that date arithmetic survives; anything over a year means "long gone" just as well.
_MAX_IDLE = 366 * 24 * 3600.0


def _idle(seconds: float | None) -> timedelta | None:
    if seconds is None or seconds != seconds:  # None or NaN: unknown
        return None
    return timedelta(seconds=min(_MAX_IDLE, max(0.0, seconds)))
